package dev.hoist.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Writes every registry failure as OCI error JSON: {@code {"errors":[{"code":…,"message":…,"detail":…}]}}. */
public class RegistryErrors {

    @Inject
    ObjectMapper json;

    @ServerExceptionMapper
    public Response registryError(RegistryException e) {
        return response(e);
    }

    public static Response response(RegistryException e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code.wireName());
        error.put("message", e.getMessage());
        if (e.detail != null) {
            error.put("detail", e.detail);
        }
        Response.ResponseBuilder builder = Response.status(e.code.status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(Registry.API_VERSION_HEADER, Registry.API_VERSION)
                .entity(Map.of("errors", List.of(error)));
        e.headers.forEach(builder::header);
        return builder.build();
    }
}
