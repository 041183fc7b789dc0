// CreditDesk's own script: shows the message of a failed htmx request in a banner, since htmx
// does not swap error responses. Loaded with defer; no inline script anywhere (CSP).
document.addEventListener("htmx:responseError", function (event) {
  var banner = document.getElementById("banner");
  if (!banner) {
    banner = document.createElement("div");
    banner.id = "banner";
    banner.setAttribute("role", "alert");
    document.body.appendChild(banner);
  }
  var p = document.createElement("p");
  p.className = "flash error";
  p.textContent = event.detail.xhr.responseText || "The request failed. Reload the page and try again.";
  banner.replaceChildren(p);
  setTimeout(function () { p.remove(); }, 8000);
});

// Table controls inside [data-omit-empty] (the Azure credits page) leave empty filter fields out
// of their GET requests, so the URL they push holds only the state that is set.
document.addEventListener("htmx:configRequest", function (event) {
  var d = event.detail;
  if (d.verb !== "get" || !d.elt.closest || !d.elt.closest("[data-omit-empty]")) {
    return;
  }
  var empty = [];
  d.parameters.forEach(function (value, name) {
    if (value === "") {
      empty.push(name);
    }
  });
  empty.forEach(function (name) {
    delete d.parameters[name];
  });
});
