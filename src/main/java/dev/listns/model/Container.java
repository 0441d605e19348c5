package dev.listns.model;

/** The container a process belongs to: the engine that runs it and the engine's id or name for it. */
public record Container(String engine, String id) {
    private static final int SHORT_ID = 12;

    /** The id as engines print it: 12 hex digits for a hash, the whole name otherwise. */
    public String shortId() {
        return id.length() == 64 && id.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                ? id.substring(0, SHORT_ID)
                : id;
    }

    /** {@code podman:d4ff6e99ed56}, as shown in brackets before a command. */
    public String label() {
        return engine + ":" + shortId();
    }
}
