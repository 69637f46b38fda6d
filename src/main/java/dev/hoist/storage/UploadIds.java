package dev.hoist.storage;

import java.util.regex.Pattern;

/** The upload id rule: safe as a file or object name, so a client's id can never reach outside the uploads. */
final class UploadIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private UploadIds() {
    }

    static boolean isValid(String uploadId) {
        return uploadId != null && VALID.matcher(uploadId).matches();
    }
}
