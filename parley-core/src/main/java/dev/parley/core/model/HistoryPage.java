package dev.parley.core.model;

import java.util.List;

/** Messages in ascending seq. {@code more}: further messages exist in the direction asked. */
public record HistoryPage(List<Message> messages, boolean more) {
}
