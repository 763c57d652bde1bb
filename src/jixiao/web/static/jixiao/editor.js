// 申报表编辑器：在二级指标分组内添加、删除、上下移动三级指标行，并触发实时审核。
// 指标表作为一个字段（rows，JSON：[行标识, 二级指标, 三级指标, 指标值] 的列表）提交，
// 保存与实时审核都由这里在发送前从表格汇总，行数再多也只有几个字段。
// 有未保存的修改时离开页面会先提示。
(function () {
  "use strict";
  let counter = 0;
  let dirty = false;
  let leaving = false;

  function editor() { return document.getElementById("editor"); }

  function tableRows(form) {
    const out = [];
    form.querySelectorAll("tbody.group").forEach(function (group) {
      group.querySelectorAll("tr.row").forEach(function (row) {
        out.push([
          row.dataset.key,
          group.dataset.level2,
          row.querySelector(".row-name").value,
          row.querySelector(".row-value").value,
        ]);
      });
    });
    return out;
  }

  function changed(form) {
    dirty = true;
    if (window.htmx) { window.htmx.trigger(form, "rows-changed"); }
  }

  function newRow(group) {
    const template = document.getElementById("row-template");
    const row = template.content.firstElementChild.cloneNode(true);
    const key = "n" + Date.now().toString(36) + (counter++);
    row.dataset.key = key;
    row.querySelector(".slot div").id = "slot-" + key;
    return row;
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest("button");
    const form = editor();
    if (!button || !form || !form.contains(button)) { return; }
    const group = button.closest("tbody.group");
    const row = button.closest("tr.row");
    if (button.classList.contains("add-row")) {
      const added = newRow(group);
      group.appendChild(added);
      added.querySelector(".row-name").focus();
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

  // 超出上限时不发送：页面上的输入保持原样，提示用户删减（服务器端同样检查）。
  function tooLarge(form, rows, json) {
    const maxRows = parseInt(form.dataset.maxRows, 10);
    const maxBytes = parseInt(form.dataset.maxBytes, 10);
    if (rows.length > maxRows) {
      return "指标表共 " + rows.length + " 行，超过每张申报表 " + maxRows + " 行的上限，请删减后再保存。";
    }
    if (new Blob([json]).size > maxBytes * 0.9) {
      return "指标表内容过多，接近 " + Math.round(maxBytes / 1048576) + " MB 的提交上限，请精简后再保存。";
    }
    return "";
  }

  document.addEventListener("DOMContentLoaded", function () {
    const form = editor();
    if (!form) { return; }
    dirty = form.dataset.unsaved === "1";
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("submit", function (event) {
      const rows = tableRows(form);
      const json = JSON.stringify(rows);
      const problem = tooLarge(form, rows, json);
      if (problem) {
        event.preventDefault();
        window.alert(problem);
        return;
      }
      document.getElementById("rows-field").value = json;
      leaving = true;
    });
  });

  document.addEventListener("htmx:configRequest", function (event) {
    const form = editor();
    if (!form || event.detail.elt !== form) { return; }
    const rows = tableRows(form);
    const json = JSON.stringify(rows);
    const problem = tooLarge(form, rows, json);
    if (problem) {
      event.preventDefault();
      document.getElementById("findings").textContent = problem;
      return;
    }
    event.detail.parameters["rows"] = json;
  });

  // 实时审核只返回有发现的行；交换前先清空所有行的提示，已改正的行随之变空。
  document.addEventListener("htmx:beforeSwap", function (event) {
    const form = editor();
    const target = event.detail.target;
    if (form && target && target.id === "findings" && event.detail.xhr.status === 200) {
      form.querySelectorAll(".slot-items").forEach(function (slot) { slot.textContent = ""; });
    }
  });

  window.addEventListener("beforeunload", function (event) {
    if (dirty && !leaving) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
