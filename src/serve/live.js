// zorgroute live preview: injected into pages only by `zorgroute serve`,
// never into a built site. Reloads the page when it changed (keeping the
// scroll position), swaps stylesheets when only CSS changed, and shows the
// problems of a broken edit over the last good page.
(() => {
  "use strict";
  // The build this page was served from (see Store::generation).
  const served = new URL(document.currentScript.src).searchParams.get("g");
  const scrollKey = "zorgroute-scroll:" + location.pathname;
  const saved = sessionStorage.getItem(scrollKey);
  if (saved) {
    sessionStorage.removeItem(scrollKey);
    const [x, y] = JSON.parse(saved);
    const restore = () => window.scrollTo(x, y);
    restore();
    window.addEventListener("load", restore);
  }

  // The site path of this page, as the server names it: "a/b/index.html".
  const here = () => {
    let p = decodeURIComponent(location.pathname).replace(/^\/+/, "");
    if (p === "" || p.endsWith("/")) p += "index.html";
    return p;
  };

  let overlay = null;
  const showProblems = (text) => {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "zorgroute-problems";
      overlay.setAttribute("role", "alert");
      overlay.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.94);" +
        "color:#fff;padding:1.5rem;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
      const title = document.createElement("p");
      title.style.cssText = "font:600 18px/1.4 system-ui,sans-serif;margin:0 0 1rem";
      title.textContent = document.documentElement.lang === "en"
        ? "The handbook has a problem. This is the last good version; fix the file and save."
        : "Er is een probleem in het handboek. Dit is de laatste goede versie; verbeter het bestand en sla op.";
      const pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      const close = document.createElement("button");
      close.type = "button";
      close.textContent = document.documentElement.lang === "en" ? "Hide" : "Verbergen";
      close.style.cssText = "position:absolute;top:1rem;right:1rem;font:inherit;padding:.3rem .8rem";
      close.addEventListener("click", () => { overlay.hidden = true; });
      overlay.append(title, pre, close);
      document.body.append(overlay);
    }
    overlay.querySelector("pre").textContent = text;
    overlay.hidden = false;
  };

  const reload = () => {
    sessionStorage.setItem(scrollKey, JSON.stringify([window.scrollX, window.scrollY]));
    location.reload();
  };

  const events = new EventSource("/_zorgroute/events");
  // A change saved while this page was loading (or while disconnected).
  events.addEventListener("hello", (e) => {
    if (served !== null && e.data !== served) reload();
  });
  events.addEventListener("problems", (e) => showProblems(e.data));
  events.addEventListener("changed", (e) => {
    const paths = e.data.split("\n");
    if (overlay || paths.includes(here()) || paths.includes("*")) reload();
  });
  events.addEventListener("css", () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("v", Date.now().toString());
      link.href = url.toString();
    }
  });
})();
