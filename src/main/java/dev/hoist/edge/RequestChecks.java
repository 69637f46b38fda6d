package dev.hoist.edge;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one edge check on what a request names: its path, its query and the fields of a urlencoded
 * form. Each must decode as UTF-8 (no {@code %zz}, no {@code %C3%28}) to text without NUL or other
 * control characters, so that no handler behind the edge ever meets them (PostgreSQL refuses NUL in
 * text, and a control character in a name only ever means an attack). Form fields may hold tab, CR
 * and LF: textareas (READMEs) do.
 */
public final class RequestChecks {

    private RequestChecks() {
    }

    /** What is wrong with a raw (still percent-encoded) path, if anything. */
    public static Optional<String> path(String rawPath) {
        if (rawPath == null) {
            return Optional.empty();
        }
        return text(rawPath, false, false, "The address");
    }

    /** What is wrong with a raw query string ({@code a=1&b=2}), if anything. */
    public static Optional<String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        return pairs(rawQuery, false, "A query parameter");
    }

    /** What is wrong with an {@code application/x-www-form-urlencoded} body, if anything. */
    public static Optional<String> form(String body) {
        if (body == null || body.isEmpty()) {
            return Optional.empty();
        }
        return pairs(body, true, "A form field");
    }

    private static Optional<String> pairs(String encoded, boolean lineBreaksAllowed, String what) {
        for (String pair : encoded.split("&", -1)) {
            Optional<String> problem = text(pair, true, lineBreaksAllowed, what);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /**
     * Percent-decodes {@code raw} to bytes (a raw byte above 0x7F counts as itself: Netty hands
     * the request line over as ISO-8859-1) and checks that they are UTF-8 text without controls.
     */
    private static Optional<String> text(String raw, boolean plusIsSpace, boolean lineBreaksAllowed, String what) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    return Optional.of(what + " holds a broken percent-encoding.");
                }
                bytes.write(hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else if (c > 0xFF) {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            } else {
                bytes.write(plusIsSpace && c == '+' ? ' ' : c);
            }
        }
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return Optional.of(what + " is not valid UTF-8.");
        }
        return controls(decoded, lineBreaksAllowed, what);
    }

    /**
     * What is wrong with the credentials of a {@code Basic} Authorization header, if anything:
     * decoded, they must be UTF-8 text without controls. Other schemes, and text that is no base64
     * at all, are left to the credential readers, which answer 401 as for any wrong credentials.
     */
    public static Optional<String> basicCredentials(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = java.util.Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        try {
            String decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return controls(decoded, false, "The credentials");
        } catch (CharacterCodingException e) {
            return Optional.of("The credentials are not valid UTF-8.");
        }
    }

    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final java.util.regex.Pattern PARAMETER = java.util.regex.Pattern
            .compile("\\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+=(?:[!#$%&'*+.^_`|~0-9A-Za-z-]+|\"[^\"\\\\\\p{Cntrl}]*\")\\s*");

    /**
     * Whether {@code value} is a media type ({@code type/subtype; name=value}) the REST layer can
     * parse: anything else made it answer 500 instead of saying the request was wrong.
     */
    public static boolean mediaType(String value) {
        String[] parts = value.split(";", -1);
        String[] type = parts[0].trim().split("/", -1);
        if (type.length != 2 || !TOKEN.matcher(type[0]).matches() || !TOKEN.matcher(type[1]).matches()) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            if (!PARAMETER.matcher(parts[i]).matches() || !knownCharset(parts[i])) {
                return false;
            }
        }
        return true;
    }

    /** A charset parameter must name a charset Java has: an unknown one made form decoding fail with 500. */
    private static boolean knownCharset(String parameter) {
        String[] nameValue = parameter.trim().split("=", 2);
        if (!nameValue[0].equalsIgnoreCase("charset")) {
            return true;
        }
        try {
            return java.nio.charset.Charset.isSupported(nameValue[1].replace("\"", ""));
        } catch (java.nio.charset.IllegalCharsetNameException e) {
            return false;
        }
    }

    /** Whether every element of an Accept header is a media range. */
    public static boolean accept(String value) {
        for (String range : value.split(",", -1)) {
            if (!mediaType(range)) {
                return false;
            }
        }
        return true;
    }

    /** What is wrong with an already decoded form field (of a multipart form), if anything. */
    public static Optional<String> decodedField(String value) {
        return controls(value, true, "A form field");
    }

    private static Optional<String> controls(String decoded, boolean lineBreaksAllowed, String what) {
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            boolean lineBreak = c == '\t' || c == '\r' || c == '\n';
            if ((c < 0x20 || c == 0x7F) && !(lineBreaksAllowed && lineBreak)) {
                return Optional.of(what + " holds a control character.");
            }
        }
        return Optional.empty();
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
