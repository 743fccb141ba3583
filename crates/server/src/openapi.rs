//! The OpenAPI document's frame: title, security scheme and shared schemas. The paths
//! are added from the handlers themselves when the router is built (`app::router`).

use frontline_sync::protocol::{ErrorBody, ErrorCode, ErrorInfo};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

/// The document.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Frontline sync server",
        description = "Devices push their outbox and pull everything after a cursor, per workspace. \
                       Every answer carries the server's clock in the `frontline-server-time` header; \
                       every failure answers with an ErrorBody."
    ),
    modifiers(&DeviceToken),
    components(schemas(ErrorBody, ErrorInfo, ErrorCode)),
    tags(
        (name = "sync", description = "Push and pull"),
        (name = "devices", description = "Sign in and out"),
        (name = "ops", description = "Health, metrics and this document")
    )
)]
pub struct ApiDoc;

/// The bearer device token, named `device_token` in the handlers' `security`.
struct DeviceToken;

impl Modify for DeviceToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "device_token",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
