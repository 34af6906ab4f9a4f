// Swagger UI over this server's schema, kept offline: no online validator badge, no CDN.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  validatorUrl: null,
  deepLinking: true,
});
