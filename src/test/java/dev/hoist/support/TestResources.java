package dev.hoist.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Every @QuarkusTest runs against a real PostgreSQL and a real SMTP server. */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(MailResource.class)
public class TestResources {
}
