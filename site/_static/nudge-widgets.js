// Loaded after require.js and before ipywidgets' HTML manager (site/conf.py, nb_ipywidgets_js).
// 1. anywidget's front end, and the HTML manager's icon fonts, (site/vendor.json) are served by this site: say where.
// 2. The widgets are snapshots drawn from their saved state: no kernel answers them, so their controls are made
//    inert (no pointer, no keyboard focus); the caption under each widget says how to run the lesson live.
(function () {
  const script = document.currentScript;
  const staticRoot = script.src.replace(/[^/]*$/, "");          // .../_static/
  window.requirejs.config({ paths: { anywidget: staticRoot + "vendor/anywidget/index" } });
  window.__jupyter_widgets_assets_path__ = staticRoot + "vendor/html-manager/";   // its icon fonts

  function makeInert() {
    const views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
    for (const view of views) {
      const output = view.closest(".cell_output") || view.parentElement;
      output.setAttribute("inert", "");
      output.classList.add("nudge-widget-snapshot");
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", makeInert);
  else makeInert();
})();
