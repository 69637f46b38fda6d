package dev.hoist.web;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The CSRF token for the forms of this page, as {@code inject:csrfToken} in templates. Unlike
 * the extension's own {@code inject:csrf}, a page rendered after the filter refused a request
 * (which sets no token) still renders; its forms then fail safely.
 */
@RequestScoped
@Named("csrfToken")
public class CsrfToken {

    @Inject
    RoutingContext routing;

    @ConfigProperty(name = "quarkus.rest-csrf.form-field-name")
    String fieldName;

    public String getField() {
        return fieldName;
    }

    public String getValue() {
        Object token = routing.get("csrf_token");
        return token == null ? "" : token.toString();
    }
}
