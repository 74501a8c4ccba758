package dev.parley.core.model;

/**
 * Stored bytes, once per SHA-256: {@code blobKey} names them in the blob store; {@code mime} is the sniffed type.
 * For images the server derives {@code width}, {@code height} and a JPEG {@code thumbnail} (base64) from the bytes
 * (null when it could not or for other types). {@code id} is assigned by the store (0 before it is saved).
 */
public record MediaContent(long id, String sha256, long size, String mime, String blobKey, Integer width,
                           Integer height, String thumbnail) {
}
