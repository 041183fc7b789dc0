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

// The side pane of the Azure credits page. Opening it from the list moves the keyboard into it
// (its close button); a change made inside it moves focus to its outcome, or else to the active
// tab, since the element that had focus was replaced. Escape closes it, as its close button
// does; closing returns focus to the benefit's link in the list.
var paneReturn = null;

document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail.target;
  if (target && target.id === "pane") {
    var from = event.detail.requestConfig && event.detail.requestConfig.elt;
    var fromInside = from && (!from.isConnected || target.contains(from));
    var focus = fromInside
      ? target.querySelector("[data-testid=flash]") || target.querySelector("[role=tab][aria-selected=true]")
      : target.querySelector("[data-pane-close]");
    if (focus) {
      focus.focus();
    }
    return;
  }
  if (target && target.id === "benefits-table" && paneReturn) {
    var link = document.querySelector('tr[data-benefit="' + CSS.escape(paneReturn) + '"] [data-testid=open-benefit]');
    paneReturn = null;
    if (link) {
      link.focus();
    }
  }
});

document.addEventListener("htmx:beforeRequest", function (event) {
  var elt = event.detail.elt;
  if (elt && elt.matches && elt.matches("[data-pane-close]")) {
    var body = elt.closest("[data-benefit]");
    paneReturn = body ? body.dataset.benefit : null;
  }
});

document.addEventListener("keydown", function (event) {
  if (event.key !== "Escape" || event.defaultPrevented) {
    return;
  }
  var close = document.querySelector("#pane [data-pane-close]");
  if (close) {
    event.preventDefault();
    close.click();
  }
});

// Buttons that open a modal dialog (data-dialog-open, beside the commandfor/command="show-modal"
// invoker attributes): for browsers without invoker commands, open it here.
document.addEventListener("click", function (event) {
  var opener = event.target.closest && event.target.closest("[data-dialog-open]");
  if (!opener || "command" in HTMLButtonElement.prototype) {
    return;
  }
  var dialog = document.getElementById(opener.dataset.dialogOpen);
  if (dialog && !dialog.open) {
    dialog.showModal();
  }
});

// A control that htmx replaces along with its list (a quick filter, a sort heading, a page
// link) keeps the keyboard: focus returns to the control of the same name in the new content,
// instead of falling back to the top of the page.
var focusAfterSwap = null;

document.addEventListener("htmx:beforeSwap", function (event) {
  var active = document.activeElement;
  var target = event.detail.target;
  focusAfterSwap = null;
  if (active && target && target.id && target.contains(active) && active.dataset && active.dataset.testid) {
    focusAfterSwap = { id: target.id, name: active.dataset.testid };
  }
});

document.addEventListener("htmx:afterSwap", function () {
  if (!focusAfterSwap) {
    return;
  }
  var root = document.getElementById(focusAfterSwap.id);
  var control = root && root.querySelector('[data-testid="' + CSS.escape(focusAfterSwap.name) + '"]');
  focusAfterSwap = null;
  if (control && !root.contains(document.activeElement)) {
    control.focus();
  }
});

// Commands that act on the row selected in a list (Cancel credit on the Azure credits page,
// data-needs-selection naming the radios of its form) are disabled until a row is selected, as
// in the Azure portal. Without script the radios are required instead.
function updateSelectionCommands() {
  document.querySelectorAll("[data-needs-selection]").forEach(function (button) {
    var radios = button.form && button.form.elements.namedItem(button.dataset.needsSelection);
    var selected = radios instanceof RadioNodeList ? radios.value !== "" : Boolean(radios && radios.checked);
    button.disabled = !selected;
  });
}

document.addEventListener("DOMContentLoaded", updateSelectionCommands);
document.addEventListener("change", updateSelectionCommands);
document.addEventListener("htmx:afterSettle", updateSelectionCommands);

// A confirmation dialog the server sends open (the page read without script shows it in place)
// is shown as a modal instead: when htmx swaps it in, or when the page is loaded with it.
function showConfirmModal(root) {
  var dialog = root && root.querySelector("dialog.confirm[open]");
  if (dialog && !dialog.matches(":modal")) {
    dialog.close();
    dialog.showModal();
  }
}

document.addEventListener("DOMContentLoaded", function () {
  showConfirmModal(document.getElementById("lot-cancel-slot"));
});

document.addEventListener("htmx:afterSwap", function (event) {
  if (event.detail.target && event.detail.target.id === "lot-cancel-slot") {
    showConfirmModal(event.detail.target);
  }
});

// A table or code block that scrolls sideways in its card (on a phone) takes the keyboard's
// focus, so that it can be scrolled without a mouse, when nothing inside it can; it gives the
// focus up again when it fits.
function focusableScrollers() {
  document.querySelectorAll("table.grid, pre").forEach(function (box) {
    var scrolls = box.scrollWidth > box.clientWidth + 1;
    var inner = box.querySelector("a[href], button, input, select, textarea, [tabindex]");
    if (scrolls && !inner) {
      box.tabIndex = 0;
    } else if (box.getAttribute("tabindex") === "0") {
      box.removeAttribute("tabindex");
    }
  });
}

document.addEventListener("DOMContentLoaded", focusableScrollers);
document.addEventListener("htmx:afterSettle", focusableScrollers);
window.addEventListener("resize", focusableScrollers);
