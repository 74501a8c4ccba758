package dev.parley.core.model;

public enum ChatKind {
    DIRECT, GROUP
}
