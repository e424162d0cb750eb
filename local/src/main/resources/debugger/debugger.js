// Polls the runner's activity once a second and draws it. Every value from a message is set as
// text, never as HTML: event names and user ids come from whoever sent them.
"use strict";

const OPERATOR = { "x-vero-destination-operator": "1" };
let shown = -1;

function cell(row, text, className) {
  const td = row.insertCell();
  td.textContent = text == null ? "" : String(text);
  if (className) td.className = className;
  return td;
}

function badge(td, fate) {
  const span = document.createElement("span");
  span.className = "fate " + fate;
  span.textContent = fate;
  td.appendChild(span);
}

function time(iso) {
  return iso ? iso.substring(11, 19) : "";
}

function statusClass(status) {
  return status >= 200 && status < 300 ? "ok" : status >= 500 || status === 0 ? "warn" : "bad";
}

function drawMessages(messages) {
  const body = document.querySelector("#messages tbody");
  body.replaceChildren();
  document.getElementById("messages-empty").hidden = messages.length > 0;
  for (const m of messages) {
    const row = body.insertRow();
    row.dataset.messageId = m.messageId;
    row.dataset.fate = m.fate;
    cell(row, time(m.receivedAt));
    cell(row, m.type);
    cell(row, m.userId);
    cell(row, m.event);
    cell(row, m.messageId).className = "messageId";
    const fate = row.insertCell();
    badge(fate, m.fate);
    if (m.reason) {
      const reason = document.createElement("div");
      reason.className = "reason";
      reason.textContent = m.reason;
      fate.appendChild(reason);
    }
    const calls = row.insertCell();
    calls.className = "calls";
    for (const c of m.calls) {
      const line = document.createElement("span");
      line.className = "call " + (c.outcome === "delivered" ? "ok" : c.outcome === "permanent" ? "bad" : "warn");
      line.textContent = c.method + " " + c.path + " → " + (c.status || c.reason || c.outcome) + " · " + c.millis + " ms"
        + (c.attempt > 1 ? " · attempt " + c.attempt : "");
      calls.appendChild(line);
    }
    const action = row.insertCell();
    if (m.fate === "dead-lettered") {
      const button = document.createElement("button");
      button.textContent = "Redrive";
      button.className = "redrive";
      button.addEventListener("click", () => redrive(button, m));
      action.appendChild(button);
    }
  }
}

function drawRequests(requests) {
  const body = document.querySelector("#requests tbody");
  body.replaceChildren();
  for (const r of requests) {
    const row = body.insertRow();
    cell(row, time(r.time));
    cell(row, r.path, "route");
    cell(row, r.status, statusClass(r.status));
    cell(row, r.accepted);
    cell(row, r.skipped);
    cell(row, r.rejected);
    const reasons = row.insertCell();
    reasons.className = "reason";
    for (const why of r.reasons) {
      const line = document.createElement("div");
      line.textContent = (why.index === undefined ? "" : "#" + why.index + " ") + why.outcome + ": " + why.reason;
      if (why.kind) {
        // the class of reason the metrics count it under: the sentence says it, the kind files it
        line.dataset.kind = why.kind;
        line.title = why.outcome + " (" + why.kind + ")";
      }
      reasons.appendChild(line);
    }
  }
}

function drawWebhooks(webhooks) {
  const body = document.querySelector("#webhooks tbody");
  body.replaceChildren();
  for (const w of webhooks) {
    const row = body.insertRow();
    cell(row, time(w.time));
    cell(row, w.event);
    cell(row, w.status, statusClass(w.status));
    badge(row.insertCell(), w.forwarded ? "forwarded" : w.dryRun ? "dry-run" : w.parked ? "parked" : w.status >= 400 ? "refused" : "acknowledged");
    cell(row, w.reason, "reason");
  }
}

function drawHeader(activity) {
  const modes = document.getElementById("modes");
  modes.replaceChildren();
  for (const [name, dry] of [["Vero", activity.modes.veroDryRun], ["Segment", activity.modes.segmentDryRun]]) {
    if (dry) {
      const banner = document.createElement("span");
      banner.className = "banner";
      banner.textContent = name + " dry run: calls are printed, not sent";
      modes.appendChild(banner);
    }
  }
  if (activity.modes.rules !== "none" || activity.modes.mapping !== "Segment's") {
    const rules = document.createElement("span");
    rules.id = "rules";
    rules.className = "rules";
    rules.textContent = "Destination rules: " + activity.modes.rules + " · mapping: " + activity.modes.mapping;
    modes.appendChild(rules);
  }
  if (activity.vero.state !== "ok") {
    const banner = document.createElement("span");
    banner.className = "banner outage";
    banner.id = "vero-outage";
    banner.textContent = "Vero " + activity.vero.state.replace("-", " ") + " since " + time(activity.vero.since) + " (" + activity.vero.reason
      + "): messages are held back without spending attempts; next probe in " + activity.vero.nextProbeSeconds + " s";
    modes.appendChild(banner);
  }
  const count = (fate) => activity.messages.filter((m) => m.fate === fate).length;
  document.getElementById("counts").textContent = activity.messages.length + " messages · " + count("delivered") + " delivered · "
    + count("retrying") + " retrying · " + count("held back") + " held back · " + count("skipped") + " skipped · "
    + count("dead-lettered") + " dead-lettered · "
    + activity.webhooks.length + " webhooks";
}

async function redrive(button, message) {
  button.disabled = true;
  button.textContent = "Redriving…";
  const query = new URLSearchParams({ messageId: message.messageId, userId: message.userId });
  try {
    const answer = await fetch("/_runner/redrive?" + query, { method: "POST", headers: OPERATOR });
    const result = await answer.json();
    button.textContent = result.redriven > 0 ? "Redriven" : result.held > 0 ? "Held: an earlier one first" : "Not found";
  } catch (e) {
    button.textContent = "Failed: " + e.message;
  }
  shown = -1;
}

async function poll() {
  try {
    const answer = await fetch("/_runner/activity", { headers: OPERATOR, cache: "no-store" });
    const activity = await answer.json();
    if (activity.version !== shown) {
      shown = activity.version;
      drawHeader(activity);
      drawMessages(activity.messages);
      drawRequests(activity.requests);
      drawWebhooks(activity.webhooks);
    }
  } catch (e) {
    document.getElementById("counts").textContent = "the runner does not answer: " + e.message;
  }
  setTimeout(poll, 1000);
}

poll();
