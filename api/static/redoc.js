// ReDoc on the app's own OpenAPI document; every file is served by the app (no CDN, no fonts).
"use strict";
// no search box: its index runs in a worker built from a blob: URL, which the page's CSP refuses
Redoc.init("/openapi.json", { disableSearch: true }, document.getElementById("redoc"));
