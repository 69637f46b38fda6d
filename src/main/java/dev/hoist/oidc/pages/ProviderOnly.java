package dev.hoist.oidc.pages;

import dev.hoist.platform.HoistConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The answer to local sign-up and password sign-in when {@code hoist.oidc.local-login=false}: the
 * server refuses them itself (hiding the forms is not enough), and says where to go instead.
 */
@ApplicationScoped
public class ProviderOnly {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(String provider, boolean password);
    }

    @Inject
    HoistConfig config;

    /** 404: this Hoist has no sign-up page. */
    public Response signUp() {
        return respond(404, false);
    }

    /** 403: a password sign-in that nothing here may accept. */
    public Response passwordSignIn() {
        return respond(403, true);
    }

    private Response respond(int status, boolean password) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(Templates.page(config.oidc().providerName(), password))
                .build();
    }
}
