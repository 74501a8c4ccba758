package dev.parley.core.model;

public enum Role {
    OWNER, ADMIN, MEMBER
}
