// compare-claims HTML report: the context panel and the filters (the page reads without it).
(function () {
  "use strict";
  var d = document, panel = d.getElementById("panel"), body = d.getElementById("panel-body");
  function show(st) {
    var ctx = st && st.querySelector(".ctx");
    if (!ctx) return;
    var prev = d.querySelector(".st.sel");
    if (prev) prev.classList.remove("sel");
    st.classList.add("sel");
    d.getElementById("panel-title").textContent = st.getAttribute("data-label");
    body.textContent = "";
    ctx.querySelectorAll(".para, .off").forEach(function (n) { body.appendChild(n.cloneNode(true)); });
    panel.hidden = false;
    d.body.classList.add("panel-open");
    panel.focus({ preventScroll: true });
  }
  function hide() {
    if (panel.hidden) return;
    panel.hidden = true;
    d.body.classList.remove("panel-open");
    var sel = d.querySelector(".st.sel .tx");
    if (sel) sel.focus({ preventScroll: true });
  }
  function fromHash() {
    var el = d.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (el && el.classList.contains("st")) show(el);
  }
  d.querySelectorAll(".tx").forEach(function (t) {
    t.tabIndex = 0;
    t.setAttribute("role", "button");
    t.setAttribute("aria-label", "Show in context: " + t.textContent);
  });
  d.addEventListener("click", function (ev) {
    var t = ev.target.closest(".tx");
    if (t && !ev.target.closest("a")) show(t.closest(".st"));
  });
  d.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") hide();
    else if ((ev.key === "Enter" || ev.key === " ") && ev.target.classList && ev.target.classList.contains("tx")) {
      ev.preventDefault();
      show(ev.target.closest(".st"));
    }
  });
  d.getElementById("panel-close").addEventListener("click", hide);
  var filters = d.getElementById("filters");
  filters.hidden = false;
  filters.addEventListener("change", function (ev) {
    d.body.classList.toggle(ev.target.getAttribute("data-filter"), ev.target.checked);
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
  d.documentElement.setAttribute("data-ready", "1");
})();
