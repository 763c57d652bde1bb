// 申报表编辑器：在二级指标分组内添加、删除、上下移动三级指标行，并触发实时审核。
(function () {
  "use strict";
  let counter = 0;

  function changed(form) {
    if (window.htmx) { window.htmx.trigger(form, "rows-changed"); }
  }

  function newRow(group) {
    const template = document.getElementById("row-template");
    const row = template.content.firstElementChild.cloneNode(true);
    const key = "n" + Date.now().toString(36) + (counter++);
    row.querySelector('input[name="row_key"]').value = key;
    row.querySelector('input[name="row_level2"]').value = group.dataset.level2;
    row.querySelector(".slot div").id = "slot-" + key;
    return row;
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("button");
    const form = document.getElementById("editor");
    if (!button || !form || !form.contains(button)) { return; }
    const group = button.closest("tbody.group");
    const row = button.closest("tr.row");
    if (button.classList.contains("add-row")) {
      const added = newRow(group);
      group.appendChild(added);
      added.querySelector('input[name="row_name"]').focus();
    } else if (button.classList.contains("remove") && row) {
      row.remove();
    } else if (button.classList.contains("up") && row) {
      const before = row.previousElementSibling;
      if (before && before.classList.contains("row")) { group.insertBefore(row, before); }
    } else if (button.classList.contains("down") && row) {
      const after = row.nextElementSibling;
      if (after) { group.insertBefore(after, row); }
    } else {
      return;
    }
    changed(form);
  });
})();
