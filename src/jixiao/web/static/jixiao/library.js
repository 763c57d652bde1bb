// 指标库写作帮助：在三级指标名称框中输入时，列出指标库中相近的指标（计量单位、常见取值、
// 来自几份表），点选即填入名称；“按项目名称推荐指标”列出同类项目常用的一组指标。
// 指标值明显偏离同类取值时，实时审核（B605）会在该行提示取值范围。
(function () {
  "use strict";
  let timer = null;
  let asked = 0;

  function help() { return document.getElementById("library-help"); }

  function closeBoxes(except) {
    document.querySelectorAll(".suggest-box").forEach(function (box) {
      if (box !== except) { box.remove(); }
    });
  }

  function boxFor(input) {
    let box = input.parentElement.querySelector(".suggest-box");
    if (!box) {
      box = document.createElement("div");
      box.className = "suggest-box";
      input.parentElement.appendChild(box);
    }
    return box;
  }

  function suggest(input) {
    const where = help();
    const query = input.value.trim();
    if (!where || query.length < 2) { closeBoxes(null); return; }
    const group = input.closest("tbody.group");
    const params = new URLSearchParams({ q: query.slice(0, 100), level2: group ? group.dataset.level2 : "" });
    const ticket = ++asked;
    fetch(where.dataset.suggestUrl + "?" + params.toString(), { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) {
        if (ticket !== asked) { return; }  // a newer keystroke asked again
        const box = boxFor(input);
        closeBoxes(box);
        box.innerHTML = html;
        if (!html.trim()) { box.remove(); }
      });
  }

  document.addEventListener("input", function (event) {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.classList.contains("row-name")) { return; }
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { suggest(input); }, 250);
  });

  document.addEventListener("click", function (event) {
    const pick = event.target.closest("button.suggestion");
    if (pick) {
      const input = pick.closest("td").querySelector(".row-name");
      input.value = pick.dataset.name;
      closeBoxes(null);
      input.dispatchEvent(new Event("input", { bubbles: true }));  // live review, unsaved mark
      window.clearTimeout(timer);
      const value = input.closest("tr").querySelector(".row-value");
      if (value) { value.focus(); }
      return;
    }
    if (event.target.closest("#bundle-button")) {
      const where = help();
      const name = document.getElementById("f-project_name");
      const params = new URLSearchParams({ name: name ? name.value.slice(0, 100) : "" });
      fetch(where.dataset.bundleUrl + "?" + params.toString(), { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.text() : ""; })
        .then(function (html) { document.getElementById("bundle").innerHTML = html; });
      return;
    }
    if (!event.target.closest(".suggest-box")) { closeBoxes(null); }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeBoxes(null); }
  });
})();
