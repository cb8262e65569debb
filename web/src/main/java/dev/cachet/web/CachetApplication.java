package dev.cachet.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The node's HTTP API under {@code /api}; every resource is versioned below it ({@code /v1}). */
@ApplicationPath("api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Cachet validator signing node",
            version = "v1",
            description =
                "Content-addressed blobs served to and fetched by peers. Errors are JSON"
                    + " {\"error\": CODE, \"message\": text}."))
@SecurityScheme(
    securitySchemeName = CachetApplication.ADMIN_SECURITY,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "The admin token (cachet.admin.token, or <cachet.data-dir>/admin.token)")
public class CachetApplication extends Application {

  /** Name of the OpenAPI security scheme that admin operations require. */
  public static final String ADMIN_SECURITY = "adminToken";
}
