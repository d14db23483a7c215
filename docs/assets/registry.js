// Fills the reader's "accessed on" date into the citation block (the page itself stays byte-stable).
(function () {
  function fillAccessedDate() {
    var today = new Date();
    var text = [today.getDate(), today.getMonth() + 1].map(function (n) {
      return String(n).padStart(2, "0");
    }).join("/") + "/" + today.getFullYear();
    document.querySelectorAll("[data-qc-today]").forEach(function (el) {
      el.textContent = text;
    });
  }
  if (typeof document$ !== "undefined") {
    document$.subscribe(fillAccessedDate); // Material's instant navigation
  } else {
    document.addEventListener("DOMContentLoaded", fillAccessedDate);
  }
})();
