// MathJax 3, served from this site (site/vendor.json). Inlined by Sphinx before tex-chtml.js loads.
// ipywidgets 8 still typesets its labels with MathJax 2's MathJax.Hub.Queue(["Typeset", MathJax.Hub, element]):
// the small Hub below turns that into MathJax 3's typesetPromise, once MathJax has started.
(function () {
  let started;
  const ready = new Promise((resolve) => { started = resolve; });
  const hub = {
    Queue(...jobs) {
      for (const job of jobs) {
        if (typeof job === "function") ready.then(job);
        else if (Array.isArray(job) && job[0] === "Typeset") {
          const element = job[2];
          ready.then(() => window.MathJax.typesetPromise(element ? [element] : undefined))
            .catch((error) => console.warn("MathJax:", error));
        }
      }
    },
    Config() {},
    Register: { StartupHook() {}, MessageHook() {} },
  };
  window.MathJax = {
    tex: {
      inlineMath: [["$", "$"], ["\\(", "\\)"]],
      displayMath: [["$$", "$$"], ["\\[", "\\]"]],
      processEscapes: true,
    },
    options: {
      ignoreHtmlClass: "tex2jax_ignore|mathjax_ignore|document",
      processHtmlClass: "tex2jax_process|mathjax_process|math|output_area|jupyter-widgets",
    },
    startup: {
      ready() {
        window.MathJax.startup.defaultReady();
        window.MathJax.Hub = hub;
        window.MathJax.startup.promise.then(started);
      },
    },
    Hub: hub,
  };
})();
