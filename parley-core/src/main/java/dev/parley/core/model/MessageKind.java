package dev.parley.core.model;

public enum MessageKind {
    TEXT
}
