// Swagger UI on the app's own OpenAPI document; every file is served by the app (no CDN).
"use strict";
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  layout: "BaseLayout",
  presets: [SwaggerUIBundle.presets.apis],
  // a validator badge would fetch from validator.swagger.io
  validatorUrl: null,
});
