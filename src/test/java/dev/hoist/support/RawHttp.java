package dev.hoist.support;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 over a bare socket, for requests no well-behaved client library will send: broken
 * percent-encodings, raw control characters, lying lengths. One request per connection.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** What came back: the status (0 when the server closed without answering), the head and the body. */
    public record Answer(int status, String head, String body) {
        public boolean json() {
            return head.toLowerCase().contains("content-type: application/json");
        }
    }

    /** Sends {@code method target} with the given header lines (each without CRLF) and body to the Hoist under test. */
    public static Answer send(String method, String target, String[] headers, byte[] body) throws IOException {
        return send(request(method, target, java.util.List.of(headers), body));
    }

    /** The bytes of such a request: request line, Host, {@code Connection: close}, the headers, the length and the body. */
    public static byte[] request(String method, String target, java.util.List<String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            request.writeBytes(body);
        }
        return request.toByteArray();
    }

    public static Answer get(String target, String... headers) throws IOException {
        return send("GET", target, headers, null);
    }

    /** Sends exactly {@code request} and reads until the server closes. */
    public static Answer send(byte[] request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            // No half-close: a server may take the client's FIN for a hang-up and drop the request.
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            int status = 0;
            if (head.startsWith("HTTP/1.") && head.length() >= 12) {
                status = Integer.parseInt(head.substring(9, 12));
            }
            return new Answer(status, head, body);
        }
    }
}
