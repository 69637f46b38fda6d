package dev.hoist.model;

/** What a caller may do on a repository; each level includes the ones below it. */
public enum AccessMode {
    NONE, READ, WRITE, ADMIN;

    public boolean atLeast(AccessMode other) {
        return compareTo(other) >= 0;
    }

    public static AccessMode max(AccessMode a, AccessMode b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    public static AccessMode min(AccessMode a, AccessMode b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** "Read", "Write", "Admin" as the pages show them. */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase();
    }
}
