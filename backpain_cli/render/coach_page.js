// The coach in the pocket: plays the session the page was made with. Nothing is decided
// here: which session a pain score gives, the schedule and every phrase come in the page's
// data, from the same core as the terminal coach. Text is always set as text, never markup.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("data").textContent);
  var app = document.getElementById("app");
  var LOG_KEY = "backpain-coach-log";
  var WHOLE = data.whole; // the kinds of phrase a count waits for, heard whole
  var INSTRUCTIONS = data.instructions; // of these, what to do: never dropped for a count
  var FEELS = [["fine", "Fine"], ["hard", "Hard"], ["hurt", "It hurt"]];
  var reduced = !!(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);

  // Small helpers -----------------------------------------------------------------------

  function el(tag, props) {
    var node = document.createElement(tag);
    var children = Array.prototype.slice.call(arguments, 2);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "text") node.textContent = props[key];
      else if (key === "on") Object.keys(props.on).forEach(function (e) { node.addEventListener(e, props.on[e]); });
      else if (key === "hidden") node.hidden = props[key];
      else node.setAttribute(key, props[key]);
    });
    children.forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function button(label, action, extra) {
    var props = { type: "button", on: { click: action } };
    Object.keys(extra || {}).forEach(function (key) { props[key] = extra[key]; });
    return el("button", props, label);
  }

  function screen(id) {
    document.body.classList.toggle("running", id === "coach");
    var kept = [];
    Array.prototype.slice.call(app.children).forEach(function (child) {
      if (child.tagName === "H1" || child.classList.contains("who")) kept.push(child);
    });
    while (app.firstChild) app.removeChild(app.firstChild);
    kept.forEach(function (child) { app.appendChild(child); });
    var section = el("section", { id: id });
    app.appendChild(section);
    window.scrollTo(0, 0);
    return section;
  }

  function day() {
    var now = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
  }

  function clock(seconds) {
    var whole = Math.max(Math.ceil(seconds - 1e-9), 0);
    return Math.floor(whole / 60) + ":" + ((whole % 60) < 10 ? "0" : "") + (whole % 60);
  }

  function list(items, ordered) {
    var found = el(ordered ? "ol" : "ul", {});
    items.forEach(function (t) { found.appendChild(el("li", { text: t })); });
    return found;
  }

  function flagsBox() {
    var box = el("div", { "class": "box flags" }, el("h2", { text: "Stop and get medical help" }));
    data.red_flags.forEach(function (group) {
      box.appendChild(el("p", { text: group.heading }));
      box.appendChild(list(group.signs));
    });
    return box;
  }

  function disclaimer() {
    return el("div", { "class": "box" }, el("h2", { text: "Disclaimer" }), el("p", { text: data.disclaimer }));
  }

  // Speech, the bell (a buzz on a phone), and the screen kept on --------------------------

  var speech = {
    voice: null,
    speaking: false,
    whole: false, // what is being said must be heard whole before a count starts
    current: null,
    able: "speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function",
    pick: function () {
      var voices = window.speechSynthesis.getVoices() || [];
      var want = data.language.toLowerCase();
      speech.voice = voices.filter(function (v) { return (v.lang || "").toLowerCase().indexOf(want) === 0; })[0] || null;
    },
    say: function (text, whole) {
      if (!speech.able || !text) return;
      window.speechSynthesis.cancel(); // short utterances, each cancelling the one before
      var said = new window.SpeechSynthesisUtterance(text);
      said.lang = data.language;
      if (speech.voice) said.voice = speech.voice;
      speech.current = said;
      speech.speaking = true;
      speech.whole = !!whole;
      said.onend = said.onerror = function () { if (speech.current === said) speech.speaking = false; };
      window.speechSynthesis.speak(said);
    },
    stop: function () { if (speech.able) window.speechSynthesis.cancel(); speech.speaking = false; speech.whole = false; }
  };
  if (speech.able) {
    speech.pick();
    if (window.speechSynthesis.addEventListener) window.speechSynthesis.addEventListener("voiceschanged", speech.pick);
  }

  function ring(times) {
    if (!times || !navigator.vibrate) return;
    var pattern = [];
    for (var i = 0; i < times; i++) pattern.push(180, 120);
    try { navigator.vibrate(pattern); } catch (e) { /* no buzz: the voice and the screen say it */ }
  }

  var awake = { lock: null, wanted: false };
  var overlay = document.getElementById("awake");
  function keepAwake() {
    awake.wanted = true;
    overlay.hidden = true;
    if (!navigator.wakeLock || !navigator.wakeLock.request) return;
    navigator.wakeLock.request("screen").then(function (lock) {
      awake.lock = lock;
      lock.addEventListener("release", function () {
        awake.lock = null;
        if (awake.wanted && document.visibilityState === "visible") overlay.hidden = false;
      });
    }, function () { if (awake.wanted) overlay.hidden = false; });
  }
  function letSleep() {
    awake.wanted = false;
    overlay.hidden = true;
    if (awake.lock) awake.lock.release();
    awake.lock = null;
  }
  document.getElementById("wake").addEventListener("click", keepAwake);
  document.addEventListener("visibilitychange", function () {
    if (awake.wanted && document.visibilityState === "visible" && !awake.lock) overlay.hidden = false;
  });

  // The log, kept in the page ---------------------------------------------------------------

  var memory = [];
  function readLog() {
    try { return JSON.parse(window.localStorage.getItem(LOG_KEY) || "[]"); } catch (e) { return memory; }
  }
  function keep(record) {
    var log = readLog();
    log.push(record);
    memory = log;
    try { window.localStorage.setItem(LOG_KEY, JSON.stringify(log)); } catch (e) { /* kept for this visit */ }
  }
  function logFile() {
    return JSON.stringify({ format: data.log.format, version: data.log.version, sessions: readLog() }, null, 1);
  }
  function logButtons() {
    var log = readLog();
    if (!log.length) return null;
    var name = "backpain-log-" + day() + ".json";
    var save = el("a", { href: "data:application/json;charset=utf-8," + encodeURIComponent(logFile()),
      download: name, "class": "button", id: "download" }, "Download the log");
    var to = data.clinician ? data.clinician : "your physiotherapist";
    var row = el("div", { "class": "box" },
      el("h2", { text: "Your log: " + log.length + " session" + (log.length === 1 ? "" : "s") }),
      el("p", { text: "It is kept in this browser on this phone, and is lost if the browser's data is cleared. " +
        "To keep it and to show it: download it, and send the file to " + to + " (attach it to an e-mail or a message)." }));
    if (navigator.share && navigator.canShare && window.File) {
      var file = new window.File([logFile()], name, { type: "application/json" });
      if (navigator.canShare({ files: [file] })) {
        row.appendChild(button("Send the log", function () { navigator.share({ files: [file], title: name }); }, { "class": "main", id: "share" }));
      }
    }
    row.appendChild(el("p", {}, save));
    row.appendChild(el("p", { "class": "small", text: "On a computer with backpain, it goes into the journal with: backpain log --import " + name }));
    return row;
  }

  function uid() {
    var bytes = new Uint8Array(12);
    (window.crypto || {}).getRandomValues ? window.crypto.getRandomValues(bytes) : bytes.forEach(function (_, i) { bytes[i] = Math.floor(Math.random() * 256); });
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  // The start, the questions before, and a stop ---------------------------------------------

  function start() {
    var s = screen("start");
    s.appendChild(el("p", { "class": data.usable ? "" : "stop", text: data.today.headline + "." }));
    s.appendChild(el("p", { "class": "small", text: "As your journal and plan stood when this page was made, on " + data.made + ":" }));
    s.appendChild(list(data.today.reasons));
    var kept = readLog();
    if (kept.length) {
      s.appendChild(el("p", { text: "Done with this page: " + kept.length + " session" + (kept.length === 1 ? "" : "s") +
        ", the last on " + kept[kept.length - 1].day + "." }));
    }
    if (!data.usable) {
      s.appendChild(flagsBox());
      s.appendChild(disclaimer());
      return;
    }
    var first = data.outcomes[data.by_pain.none];
    var session = data.sessions[first.session];
    s.appendChild(button("Start", function () { keepAwake(); check(); }, { "class": "main", id: "start-button" }));
    var table = el("table", {}, el("tr", {}, el("th", { text: "Exercise" }), el("th", { text: "How much" })));
    session.items.forEach(function (item) {
      table.appendChild(el("tr", {}, el("td", { text: item.name }), el("td", { text: item.dose })));
    });
    s.appendChild(el("h2", { text: "Session: " + session.band.name + " band, about " + Math.round(session.total / 60) + " minutes" }));
    s.appendChild(table);
    s.appendChild(el("p", { "class": "small", text: "It speaks each step when your phone's speech is on; it works silently too. Lay the phone where you can see it from the floor." }));
    s.appendChild(flagsBox());
    s.appendChild(disclaimer());
    var log = logButtons();
    if (log) s.appendChild(log);
  }

  function check() {
    var s = screen("check");
    var question = "Do you have any of these signs now?";
    s.appendChild(el("h2", { text: question }));
    speech.say(question);
    s.appendChild(flagsBox());
    s.appendChild(el("div", { "class": "row" },
      button("Yes", function () { outcome(data.red_flag, null); }, { "class": "danger", id: "flag-yes" }),
      button("No", pain, { id: "flag-no" })));
  }

  function pain() {
    var s = screen("pain");
    var question = "Pain right now, 0 to 10?";
    s.appendChild(el("h2", { text: question }));
    speech.say(question);
    s.appendChild(painScores(function (n) { outcome(data.by_pain[String(n)], n); }, "before-"));
    s.appendChild(button("Skip", function () { outcome(data.by_pain.none, null); }, { id: "before-skip" }));
    s.appendChild(trafficLight());
  }

  function level(score) {
    return data.pain_guide.filter(function (p) { return p.low <= score && score <= p.high; })[0] || null;
  }

  // Buttons 0 to 10, each marked with its colour on the pain traffic light.
  function painScores(choose, prefix, pressed) {
    var scores = el("div", { "class": "scores" });
    for (var score = 0; score <= 10; score++) {
      var found = level(score);
      var extra = { id: prefix + score, "class": "level-" + (found ? found.colour.toLowerCase() : "none") };
      if (pressed !== undefined) extra["aria-pressed"] = pressed === score ? "true" : "false";
      scores.appendChild(button(String(score), (function (n) { return function () { choose(n); }; })(score), extra));
    }
    return scores;
  }

  function trafficLight() {
    var box = el("ul", { "class": "light" });
    data.pain_guide.forEach(function (p) {
      box.appendChild(el("li", { "class": "level-" + p.colour.toLowerCase() },
        el("strong", { text: p.low + "-" + p.high + " " + p.colour + ": " }), p.meaning));
    });
    return box;
  }

  function reading(score) {
    var found = level(score);
    return score + " out of 10" + (found ? ", " + found.colour + ": " + found.meaning : ".");
  }

  function outcome(key, before) {
    var found = data.outcomes[key];
    if (!found.session) { stop(found); return; }
    if (found.adjustment && key !== data.by_pain.none) {
      var s = screen("easier");
      s.appendChild(el("p", { "class": "warn", text: "Made easier: " + found.adjustment + "." }));
      s.appendChild(el("p", { text: "Pain of " + reading(before) }));
      s.appendChild(el("p", { text: "Start the easier session, gently?" }));
      s.appendChild(el("div", { "class": "row" },
        button("Start it", function () { play(found, before); }, { id: "easier-yes" }),
        button("Not today", function () { letSleep(); start(); }, { id: "easier-no" })));
      return;
    }
    play(found, before);
  }

  function stop(found) {
    letSleep();
    var s = screen("stop");
    s.appendChild(el("p", { "class": "stop", text: found.headline + "." }));
    s.appendChild(list(found.reasons));
    speech.say(found.headline + ".");
    s.appendChild(flagsBox());
    s.appendChild(disclaimer());
  }

  // The player ---------------------------------------------------------------------------------

  var run = null;

  function play(found, before) {
    var session = data.sessions[found.session];
    var starts = session.steps.map(function (step) { return step.start; });
    starts.push(session.total);
    run = { key: found.session, adjustment: found.adjustment, session: session, steps: session.steps, starts: starts, position: 0, index: 0,
      paused: false, last: performance.now(), elapsed: 0, next: 0, done: {}, partial: {},
      feelings: {}, before: before, said: "", ended: false, timer: null, early: false, waiting: null, held: false,
      stoppedFor: "", arming: null };
    buildCoach();
    run.timer = window.setInterval(tick, 100);
    tick();
  }

  var view = {};
  function buildCoach() {
    var s = screen("coach");
    view.title = el("h2", {});
    view.band = el("span", { "class": "small" });
    view.note = el("p", { "class": "warn" });
    view.said = el("p", { id: "said", "aria-live": "polite" });
    view.picture = el("div", { id: "picture", role: "img" });
    view.big = el("p", { id: "big", role: "timer", "aria-live": "off" });
    view.word = el("p", { id: "word" });
    view.counter = el("div", { id: "counter" }, view.big, view.word);
    view.where = el("p", { id: "where" });
    view.bar = el("span", {});
    view.feedback = el("div", { id: "feedback" });
    view.pause = button("Pause", togglePause, { id: "pause" });
    view.doneSet = button("Set done", setDone, { id: "set-done" });
    view.howto = el("div", { id: "howto" });
    s.appendChild(el("header", {}, view.title, view.band));
    s.appendChild(view.note);
    s.appendChild(view.said);
    s.appendChild(el("div", { id: "stage" }, view.picture, view.counter));
    s.appendChild(view.where);
    s.appendChild(el("div", { id: "bar" }, view.bar));
    s.appendChild(view.feedback);
    s.appendChild(el("div", { id: "controls" },
      button("Back", back, { id: "back" }), view.pause, button("Skip", skip, { id: "skip" }),
      view.quit = button("End", endTapped, { "class": "danger", id: "quit" })));
    s.appendChild(el("div", { "class": "row" }, view.doneSet));
    s.appendChild(view.howto);
    view.shown = null;
    view.feltFor = -1;
  }

  function current() { return run.steps[run.index] || null; }

  // End takes a second tap within a few seconds: a brush of the hand does not end a session.
  function endTapped() {
    if (run.arming !== null) { window.clearTimeout(run.arming); run.arming = null; finish(true); return; }
    view.quit.textContent = "End? Tap again";
    view.quit.classList.add("armed");
    run.arming = window.setTimeout(function () {
      run.arming = null;
      view.quit.textContent = "End";
      view.quit.classList.remove("armed");
    }, 4000);
  }

  function tick() {
    if (!run || run.ended) return;
    var now = performance.now();
    var dt = Math.max((now - run.last) / 1000, 0);
    run.last = now;
    if (!run.paused) {
      run.elapsed += dt;
      advance(run.position + dt, true, holding());
    }
    sayDue();
    draw();
  }

  // Whether an instruction that must be heard whole is still being said, or a cue waits for
  // one; asked at every tick, it says a waiting cue once the voice is free (as the terminal).
  function holding() {
    if (speech.speaking && speech.whole) return true;
    if (run.waiting) {
      var cue = run.waiting;
      run.waiting = null;
      speak(cue, true);
      return true;
    }
    return false;
  }

  function speak(cue, whole) {
    speech.say(cue.say, whole);
    ring(cue.rings);
    if (WHOLE.indexOf(cue.kind) >= 0 || cue.kind === "ask" || cue.kind === "rest") run.said = cue.say;
    if (cue.kind === "count") run.said = "";
  }

  // Move to ``to`` seconds into the schedule; ``natural``: time passing (a set reached its end
  // is done), not a skip. A step before a set waits at its end while ``hold``.
  function advance(to, natural, hold) {
    run.held = false;
    while (run.index < run.steps.length && to >= run.starts[run.index + 1] - 1e-9) {
      var step = run.steps[run.index];
      var following = run.steps[run.index + 1];
      if (natural && hold && step.kind !== "work" && following && following.kind === "work") {
        to = run.starts[run.index + 1]; // held: the count starts once the words are whole
        run.held = true;
        break;
      }
      if (step.kind === "work" && natural) run.done[run.index] = true;
      run.index += 1;
    }
    run.position = Math.min(to, run.starts[run.starts.length - 1]);
    if (run.index >= run.steps.length) finish(false);
  }

  function sayDue() {
    if (!run || run.ended) return;
    var cues = run.session.cues;
    var due = [];
    var reach = run.held ? run.position - 1e-6 : run.position + 1e-6; // held: the count waits
    while (run.next < cues.length && cues[run.next].at <= reach) due.push(cues[run.next++]);
    if (!due.length) return;
    // Of several (a step skipped), the last instruction: which exercise, which side.
    var last = due[due.length - 1];
    for (var i = due.length - 1; i >= 0; i--) {
      if (INSTRUCTIONS.indexOf(due[i].kind) >= 0) { last = due[i]; break; }
    }
    var cue = { say: last.say, kind: last.kind, rings: Math.max.apply(null, due.map(function (c) { return c.rings; })) };
    if (cue.kind === "end") return; // said as the session ends
    if (speech.speaking && speech.whole) { run.waiting = cue; return; } // an instruction is never cut short
    speak(cue, WHOLE.indexOf(cue.kind) >= 0);
  }

  function jump(index) {
    run.index = Math.max(0, Math.min(index, run.steps.length));
    run.position = run.starts[run.index];
    var cues = run.session.cues;
    var taken = run.next; // the cues said (or passed) so far
    run.next = 0;
    while (run.next < cues.length && cues[run.next].at < run.position - 1e-6) run.next++;
    // The step before's instruction (the side a set starts on), skipped over before it was
    // said, is said now: a count alone does not say which side.
    var from = run.index > 0 ? run.starts[run.index - 1] : 0;
    for (var k = run.next - 1; k >= taken && cues[k].at >= from - 1e-6; k--) {
      if (INSTRUCTIONS.indexOf(cues[k].kind) >= 0) { run.next = k; break; }
    }
    run.waiting = null;
    speech.stop();
    if (run.index >= run.steps.length) finish(false);
  }

  function togglePause() {
    run.paused = !run.paused;
    if (run.paused) { speech.stop(); run.waiting = null; }
    run.last = performance.now();
    draw();
  }

  function skip() { if (!run.paused) jump(run.index + 1); }

  function back() {
    if (run.paused) return;
    var into = run.position - run.starts[run.index];
    var to = into > 2 || run.index === 0 ? run.index : run.index - 1;
    delete run.done[to];
    delete run.partial[to];
    jump(to);
  }

  function setDone() {
    var step = current();
    if (!step || step.kind !== "work" || run.paused) return;
    var rep = repNow(step);
    if (rep.number >= step.reps) run.done[run.index] = true;
    else run.partial[run.index] = true;
    jump(run.index + 1);
  }

  function repNow(step) {
    var item = run.session.items[step.item];
    var into = Math.max(run.position - run.starts[run.index], 0);
    var number = Math.min(Math.floor(into / item.rep_seconds), step.reps - 1);
    var inside = into - number * item.rep_seconds;
    var parts = [[0, run.session.tempo.lift], [1, item.hold], [2, run.session.tempo.lower]];
    var at = inside; // seconds into this repetition: where its moving picture is
    for (var i = 0; i < parts.length; i++) {
      if (inside < parts[i][1]) return { number: number + 1, part: parts[i][0], at: at };
      inside -= parts[i][1];
    }
    return { number: number + 1, part: 2, at: at };
  }

  function felt(item, feel, score) {
    run.feelings[item] = [feel, score === undefined ? null : score];
    view.feltFor = -1; // draw it again
    var reason = feel === "hurt" && score !== undefined ? run.session.items[item].stops[String(score)] : "";
    if (reason) { // as the daily decision says: pain this bad ends the session here
      run.stoppedFor = reason;
      finish(true);
    }
  }

  function drawFeedback(step) {
    if (!step.asks) { view.feedback.textContent = ""; view.feltFor = -1; return; }
    var said = run.feelings[step.item] || ["", null];
    var key = step.item + ":" + said.join(":");
    if (view.feltFor === key) return;
    view.feltFor = key;
    var item = run.session.items[step.item];
    view.feedback.textContent = "";
    view.feedback.appendChild(el("p", { text: "How was the " + item.name.toLowerCase() + "?" }));
    var row = el("div", { "class": "row" });
    FEELS.forEach(function (pair) {
      row.appendChild(button(pair[1], function () { felt(step.item, pair[0]); draw(); },
        { "aria-pressed": said[0] === pair[0] ? "true" : "false", id: "felt-" + pair[0] }));
    });
    view.feedback.appendChild(row);
    if (said[0] === "hurt") {
      view.feedback.appendChild(el("p", { text: said[1] === null ? "How much, 0 to 10?" : "It hurt: " + reading(said[1]) }));
      view.feedback.appendChild(painScores(function (v) { felt(step.item, "hurt", v); draw(); }, "hurt-",
        said[1] === null ? -1 : said[1]));
    }
  }

  function showFigure(item, mirrored, other) {
    var key = other && item.figure_other ? item.figure_other : item.figure;
    if (view.shown !== key) {
      view.picture.textContent = "";
      if (key) {
        var source = document.querySelector('[data-figure="' + key + '"] svg');
        if (source) view.picture.appendChild(source.cloneNode(true));
      }
      view.shown = key;
    }
    view.picture.classList.toggle("mirrored", !!mirrored);
    var svg = view.picture.querySelector("svg");
    if (svg) {
      var title = svg.querySelector("title");
      view.picture.setAttribute("aria-label", title ? title.textContent : item.name);
    }
    return svg;
  }

  // The figure as the body is now. With reduced motion it never moves: it stands still at
  // where the movement goes (the top while lifting and holding, the start while lowering).
  function moveFigure(svg, at, part) {
    if (!svg || !svg.pauseAnimations) return;
    if (reduced || at === null) {
      svg.pauseAnimations();
      svg.setCurrentTime(at !== null && part < 2 ? run.session.tempo.lift : 0);
      return;
    }
    if (svg.animationsPaused()) svg.unpauseAnimations();
    if (Math.abs(svg.getCurrentTime() - at) > 0.25) svg.setCurrentTime(at);
  }

  function draw() {
    if (!run || run.ended) return;
    var step = current();
    if (!step) return;
    var session = run.session;
    var item = session.items[step.item];
    var section = document.getElementById("coach");
    section.className = step.kind === "work" ? "work" : step.kind === "rest" || step.kind === "ask" ? "resting" : "ready";
    if (run.paused) section.className += " paused";
    view.title.textContent = item.name;
    view.band.textContent = "exercise " + (step.item + 1) + " of " + session.items.length + ", " +
      (item.band_used ? session.band.name + " band" : "no band");
    view.note.textContent = item.variant || "";
    view.said.textContent = step.kind === "work" ? "" : run.said;
    var left = run.starts[run.index + 1] - run.position;
    var sides = step.side ? ", your " + item.sides[step.side - 1] + " " + item.side_is : "";
    var svg;
    if (step.kind === "work") {
      var rep = repNow(step);
      var number = Math.ceil(rep.number / item.per_count); // sides taking turns: a pair is one
      view.big.textContent = String(number);
      view.word.textContent = run.paused ? "Paused" : item.words[rep.part];
      var turn = item.alternating ? ", " + item.sides[(rep.number - 1) % 2] + " " + item.side_is : "";
      view.where.textContent = "Set " + step.set + " of " + item.sets + sides + " · rep " + number + " of " +
        step.reps / item.per_count + turn;
      svg = showFigure(item, step.side === 2, item.alternating && rep.number % 2 === 0);
      moveFigure(svg, rep.at, rep.part);
    } else {
      view.big.textContent = clock(left);
      view.word.textContent = run.paused ? "Paused" :
        { "get-ready": "Get ready", switch: "Switch", rest: "Rest", ask: "How was it?" }[step.kind] || "";
      var following = run.steps[run.index + 1];
      var next = following ? (following.kind === "work" ? "Next: set " + following.set + " of " + session.items[following.item].name :
        "Next: " + session.items[following.item].name) : "Next: the end";
      view.where.textContent = next;
      svg = showFigure(item, step.kind === "switch" && step.side === 2, false);
      moveFigure(svg, null, 0);
    }
    view.doneSet.hidden = step.kind !== "work";
    view.pause.textContent = run.paused ? "Resume" : "Pause";
    view.pause.setAttribute("aria-pressed", run.paused ? "true" : "false");
    view.bar.style.width = (100 * run.position / run.starts[run.starts.length - 1]).toFixed(1) + "%";
    drawFeedback(step);
    if (view.howFor !== item.id) {
      view.howFor = item.id;
      view.howto.textContent = "";
      view.howto.appendChild(el("h2", { text: "How" }));
      view.howto.appendChild(list(item.steps, true));
      if (item.note) view.howto.appendChild(el("p", { "class": "warn", text: "Note: " + item.note }));
    }
  }

  // The end: what was done, the pain after, and the log ------------------------------------------

  function results() {
    return run.session.items.map(function (item, index) {
      var full = 0, partial = 0;
      for (var number = 1; number <= item.sets; number++) {
        var parts = [];
        run.steps.forEach(function (step, at) {
          if (step.kind === "work" && step.item === index && step.set === number) parts.push(at);
        });
        if (!parts.length) continue;
        if (parts.every(function (at) { return run.done[at]; })) full += 1;
        else if (parts.every(function (at) { return run.done[at] || run.partial[at]; })) partial += 1;
      }
      var said = run.feelings[index] || ["", null];
      return { exercise: item.id, sets_planned: item.sets, sets_done: full, reps: item.reps,
        sets_partial: partial, feel: said[0], pain: said[1] };
    });
  }

  function finish(early) {
    if (!run || run.ended) return;
    run.ended = true;
    run.early = early;
    window.clearInterval(run.timer);
    if (run.arming !== null) window.clearTimeout(run.arming);
    run.waiting = null;
    speech.say(early ? data.said_at_end.ended : data.said_at_end.done);
    ring(3);
    var done = results();
    var s = screen("end");
    s.appendChild(el("h2", { text: (early ? "Session ended" : "Session done") + " in " + clock(run.elapsed) + "." }));
    if (run.stoppedFor) {
      var head = run.stoppedFor.split(". ")[0] + ".";
      s.appendChild(el("p", { "class": "stop", text: head }));
      s.appendChild(el("p", { text: run.stoppedFor.slice(head.length).trim() }));
    }
    s.appendChild(summary(done));
    var started = done.some(function (d) { return d.sets_done || d.sets_partial; });
    if (!started) {
      s.appendChild(el("p", { text: "No set was done, so nothing was kept." }));
      letSleep();
      s.appendChild(button("Back to the start", start, { id: "again" }));
      if (run.stoppedFor) s.appendChild(flagsBox());
      return;
    }
    var question = run.stoppedFor ? run.stoppedFor.split(". ")[0] + ". " + data.pain_question : data.pain_question;
    window.setTimeout(function () { speech.say(question); }, 1500);
    s.appendChild(el("h2", { text: "Pain now, 0 to 10?" }));
    function save(after) {
      keep({ uid: uid(), day: day(), band: run.session.band.id, exercises: done,
        all_sets_done: done.every(function (d) { return d.sets_done === d.sets_planned; }),
        pain_before: run.before, pain_after: after, seconds: Math.round(run.elapsed),
        adjustment: run.adjustment, notes: "" });
      letSleep();
      saved(after, done);
    }
    s.appendChild(painScores(save, "after-"));
    s.appendChild(button("Skip", function () { save(null); }, { id: "after-skip" }));
    if (run.stoppedFor) s.appendChild(flagsBox());
  }

  function summary(done) {
    var table = el("table", {}, el("tr", {}, el("th", { text: "Exercise" }), el("th", { text: "Sets done" }), el("th", { text: "Felt" })));
    done.forEach(function (d, i) {
      table.appendChild(el("tr", {}, el("td", { text: run.session.items[i].name }),
        el("td", { text: d.sets_done + " of " + d.sets_planned + (d.sets_partial ? " (" + d.sets_partial + " ended early)" : "") }),
        el("td", { text: d.feel ? d.feel + (d.pain !== null ? " " + d.pain + "/10" : "") : "-" })));
    });
    return table;
  }

  function saved(after, done) {
    var s = screen("saved");
    s.appendChild(el("h2", { text: "Saved on this phone." }));
    if (after !== null) {
      var found = level(after);
      s.appendChild(el("p", { "class": found && found.colour.toLowerCase() === "green" ? "" : "warn", text: "Pain after: " + reading(after) }));
    }
    s.appendChild(summary(done));
    var log = logButtons();
    if (log) s.appendChild(log);
    s.appendChild(button("Back to the start", start, { id: "again" }));
    s.appendChild(flagsBox());
  }

  // Keys, for a page on a computer ---------------------------------------------------------------

  document.addEventListener("keydown", function (event) {
    if (!run || run.ended) return;
    var step = current();
    var key = event.key;
    if (key === " ") { togglePause(); event.preventDefault(); }
    else if (key === "n") skip();
    else if (key === "b") back();
    else if (key === "q") finish(true);
    else if (key === "Enter") setDone();
    else if (step && step.asks && (key === "f" || key === "h" || key === "p")) { felt(step.item, { f: "fine", h: "hard", p: "hurt" }[key]); draw(); }
  });

  start();
})();
