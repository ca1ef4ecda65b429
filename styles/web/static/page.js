// Optional enhancement: the form works without this. While the server converts,
// say so on the button and stop a second submit.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form.convert");
  if (!form) return;
  var button = form.querySelector("button[type=submit]");
  form.addEventListener("submit", function (event) {
    if (button.getAttribute("aria-busy") === "true") {
      event.preventDefault();
      return;
    }
    button.setAttribute("aria-busy", "true");
    button.textContent = "Konverterar …";
  });
  // Coming back with the browser's back button: the button is usable again.
  window.addEventListener("pageshow", function () {
    button.removeAttribute("aria-busy");
    button.textContent = "Konvertera";
  });
});
