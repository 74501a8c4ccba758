package dev.parley.core.model;

/** What members see of a group: a name (1–100 chars), an optional description (≤ 1000) and avatar reference (≤ 500). */
public record GroupInfo(String name, String description, String avatar) {
}
