package dev.parley.client;

import dev.parley.protocol.Views;

/**
 * A finished upload: the new media (send it with {@link ParleyClient#sendMedia}) and whether the server already had
 * these bytes ({@code true}: nothing, or not everything, was transferred).
 */
public record UploadResult(Views.Media media, boolean deduplicated) {
}
