package dev.hoist.storage;

/** A digest that is not {@code sha256:<64 hex>} or {@code sha512:<128 hex>} (the registry's DIGEST_INVALID). */
public class InvalidDigestException extends IllegalArgumentException {

    public InvalidDigestException(String message) {
        super(message);
    }
}
