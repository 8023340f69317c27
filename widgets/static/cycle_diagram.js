// The Survivor Leadership Cycle of Unhealthy Attachment as a ring of real buttons.
// The ring and arrows are drawn in SVG and hidden from screen readers; each stage is a
// <button> placed on the ring, so focus, Enter/Space and accessible names come for free.
// Arrow keys move between stages. The kernel is told which stage was opened.

const SIZE = 440;
const RADIUS = 165;
const SVG_NS = "http://www.w3.org/2000/svg";

function position(i, n) {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
  return { x: SIZE / 2 + RADIUS * Math.cos(angle), y: SIZE / 2 + RADIUS * Math.sin(angle), angle };
}

function drawRing(svg, n, interventions) {
  const ring = document.createElementNS(SVG_NS, "circle");
  ring.setAttribute("cx", SIZE / 2);
  ring.setAttribute("cy", SIZE / 2);
  ring.setAttribute("r", RADIUS);
  ring.setAttribute("class", "hr-cycle-ring");
  svg.appendChild(ring);
  for (let i = 0; i < n; i++) {
    // an arrowhead half way to the next stage, pointing clockwise
    const a = -Math.PI / 2 + (2 * Math.PI * (i + 0.5)) / n;
    const x = SIZE / 2 + RADIUS * Math.cos(a);
    const y = SIZE / 2 + RADIUS * Math.sin(a);
    const head = document.createElementNS(SVG_NS, "path");
    head.setAttribute("d", "M -7 -6 L 5 0 L -7 6 z");
    head.setAttribute("transform", `translate(${x} ${y}) rotate(${(a * 180) / Math.PI + 90})`);
    head.setAttribute("class", "hr-cycle-arrow");
    svg.appendChild(head);
  }
  interventions.forEach((item, k) => {
    item.indexes.forEach((i) => {
      const p = position(i, n);
      const mark = document.createElementNS(SVG_NS, "circle");
      const inner = RADIUS - 38 - 12 * k;
      mark.setAttribute("cx", SIZE / 2 + inner * Math.cos(p.angle));
      mark.setAttribute("cy", SIZE / 2 + inner * Math.sin(p.angle));
      mark.setAttribute("r", 7);
      mark.setAttribute("class", `hr-cycle-mark hr-cycle-mark-${item.kind}`);
      svg.appendChild(mark);
    });
  });
}

function render({ model, el }) {
  el.classList.add("hr-cycle");
  const wrap = document.createElement("div");
  wrap.className = "hr-cycle-wrap";
  wrap.style.width = `${SIZE}px`;
  wrap.style.height = `${SIZE}px`;
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${SIZE} ${SIZE}`);
  svg.setAttribute("width", SIZE);
  svg.setAttribute("height", SIZE);
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  wrap.appendChild(svg);

  const group = document.createElement("div");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", model.get("label"));
  wrap.appendChild(group);

  const centre = document.createElement("p");
  centre.className = "hr-cycle-centre";
  centre.textContent = model.get("centre_text");
  wrap.appendChild(centre);

  const stages = model.get("stages");
  const ids = stages.map((s) => s.id);
  const interventions = model.get("interventions").map((item) => ({
    kind: item.kind,
    indexes: item.stages.map((id) => ids.indexOf(id)).filter((i) => i >= 0),
  }));
  drawRing(svg, stages.length, interventions);

  const buttons = [];
  function paint() {
    const selected = model.get("selected");
    const marks = model.get("marks") || {};
    buttons.forEach((b, i) => {
      const stage = stages[i];
      const mark = marks[stage.id] || "";
      b.setAttribute("aria-pressed", selected === stage.id ? "true" : "false");
      b.dataset.mark = mark;
      const suffix = mark ? ` (${model.get("mark_labels")[mark] || mark})` : "";
      b.textContent = `${i + 1}. ${stage.name}${suffix}`;
    });
  }
  stages.forEach((stage, i) => {
    const p = position(i, stages.length);
    const b = document.createElement("button");
    b.type = "button";
    b.className = "hr-cycle-stage";
    b.style.left = `${p.x}px`;
    b.style.top = `${p.y}px`;
    b.addEventListener("click", () => {
      model.set("selected", stage.id);
      model.save_changes();
    });
    b.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
      if (step) {
        event.preventDefault();
        buttons[(i + step + buttons.length) % buttons.length].focus();
      }
    });
    buttons.push(b);
    group.appendChild(b);
  });
  paint();
  model.on("change:selected", paint);
  model.on("change:marks", paint);
  el.appendChild(wrap);
}

export default { render };
