// The OpenAPI explorer at /docs, from the vendored Swagger UI (no CDN, no inline script).
window.addEventListener('DOMContentLoaded', () => {
  window.SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
});
