/* planen.js – the planning check in the browser: which planned dates fall on a feast of the edition.
   Plain JavaScript, no framework; nothing is sent anywhere. The rules are those of
   `calendar-build clashes` (calendar_build/site/clashes.py and planned.py); keep both in step.
   Every word a reader sees comes from the page (the JSON block #planen-texte, written from
   calendar_build/site/planning_texts.py in the site's language), every formatted date from the data
   script (holidays-YYYY.js): nothing here is German or any other language. */
(function () {
  "use strict";
  var data = window.KALENDER;
  var words = JSON.parse(document.getElementById("planen-texte").textContent);
  var plurals = new Intl.PluralRules(words.lang);
  var RTL = document.documentElement.dir === "rtl";
  var DAY = 86400000;
  var DATE_COLUMNS = ["datum", "date", "tag", "start", "beginn", "dtstart"];
  var TITLE_COLUMNS = ["titel", "termin", "title", "summary", "betreff", "name", "veranstaltung", "anlass"];

  function dayNumber(y, m, d) {  // days since 1970-01-01; null for an impossible date
    var t = Date.UTC(y, m - 1, d), check = new Date(t);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
    return Math.round(t / DAY);
  }
  function number(n) { return String(n).replace(/[0-9]/g, function (d) { return words.digits[+d]; }); }
  // The text `key` with its %(name)s filled in (an example of a date format if not given): numbers in the
  // site's digits, text isolated on a right-to-left page so a Latin title or '2027-04-12' keeps its order.
  function say(key, values) {
    return words.texts[key].replace(/%\((\w+)\)s/g, function (_, name) {
      var v = name in values ? values[name] : words.examples[name];
      return typeof v === "number" ? number(v) : RTL ? "\u2068" + v + "\u2069" : v;
    });
  }
  function western(text) {  // digits of any script (Arabic-Indic ٢١, Persian ۲۱, Devanagari २१ …) read as 0-9
    return text.replace(/[^\x00-\x7f]/gu, function (c) {
      var code = c.codePointAt(0);
      for (var i = 0; i < words.zeros.length; i++) {
        if (code >= words.zeros[i] && code <= words.zeros[i] + 9) return String(code - words.zeros[i]);
      }
      return c;
    });
  }
  function parseDate(text) {
    var s = western(text).trim(), m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
    if (m) return dayNumber(+m[1], +m[2], +m[3]);
    m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
    return m ? dayNumber(+m[3], +m[2], +m[1]) : null;
  }
  function iso(n) { return new Date(n * DAY).toISOString().slice(0, 10); }
  function dayText(n) { return data.days[iso(n)] || iso(n); }  // 'Mi 21.04.2027' (i18n/dates.py: weekday_date)

  // Planned dates: {day, title, line}; problems: {line, text, warning}
  function span(start, last, title, line, out, problems) {
    if (last < start) last = start;
    if (last - start >= 366) { problems.push({ line: line, text: say("too_long", { title: title }) }); return; }
    for (var d = start; d <= last; d++) out.push({ day: d, title: title, line: line });
  }
  var berlin = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin", year: "numeric", month: "2-digit",
    day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
  function icsMoment(value) {  // [day, allDay, atMidnight] or null
    var m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(value.trim());
    if (!m) return null;
    var day = dayNumber(+m[1], +m[2], +m[3]);
    if (day === null) return null;
    if (m[4] === undefined) return [day, true, false];
    var h = +m[4], mi = +m[5], s = +m[6];
    if (h > 23 || mi > 59 || s > 59) return null;
    if (m[7]) {
      var parts = {};
      berlin.formatToParts(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], h, mi, s))).forEach(function (p) { parts[p.type] = p.value; });
      day = dayNumber(+parts.year, +parts.month, +parts.day);
      h = +parts.hour; mi = +parts.minute; s = +parts.second;
    }
    return [day, false, h === 0 && mi === 0 && s === 0];
  }
  function unescapeText(t) { return t.replace(/\\([\\;,nN])/g, function (_, c) { return c === "n" || c === "N" ? "\n" : c; }); }
  function readIcs(text, problems) {
    var lines = [], out = [], ev = null, begin = 0;
    text.split(/\r\n|\n|\r/).forEach(function (raw, i) {
      if ((raw[0] === " " || raw[0] === "\t") && lines.length) lines[lines.length - 1][1] += raw.slice(1);
      else if (raw.trim()) lines.push([i + 1, raw]);
    });
    lines.forEach(function (entry) {
      var line = entry[1], colon = line.indexOf(":");
      var head = colon < 0 ? line : line.slice(0, colon), value = colon < 0 ? "" : line.slice(colon + 1);
      var name = head.split(";")[0].toUpperCase();
      if (name === "BEGIN" && value.trim().toUpperCase() === "VEVENT") { ev = {}; begin = entry[0]; }
      else if (name === "END" && value.trim().toUpperCase() === "VEVENT" && ev) { readEvent(ev, begin, out, problems); ev = null; }
      else if (ev && !(name in ev)) ev[name] = [entry[0], value];
    });
    if (!out.length && !problems.length && text.toUpperCase().indexOf("BEGIN:VCALENDAR") < 0)
      problems.push({ line: 1, text: say("no_calendar", {}) });
    return out;
  }
  function readEvent(ev, begin, out, problems) {
    var title = ev.SUMMARY ? unescapeText(ev.SUMMARY[1]).trim() : "";
    title = title || words.texts.untitled;
    if (!ev.DTSTART) { problems.push({ line: begin, text: say("no_start", { title: title }) }); return; }
    var start = icsMoment(ev.DTSTART[1]);
    if (!start) { problems.push({ line: ev.DTSTART[0], text: say("bad_start", { value: ev.DTSTART[1].trim() }) }); return; }
    var last = start[0];
    if (ev.DTEND) {
      var end = icsMoment(ev.DTEND[1]);
      if (!end) { problems.push({ line: ev.DTEND[0], text: say("bad_end", { value: ev.DTEND[1].trim() }) }); return; }
      var exclusive = start[1] || end[2];
      last = exclusive && end[0] > start[0] ? end[0] - 1 : end[0];
    }
    if (ev.RRULE) problems.push({ line: ev.RRULE[0], warning: true, text: say("repeats", { title: title }) });
    span(start[0], last, title, ev.DTSTART[0], out, problems);
  }
  function splitRow(line, delimiter) {  // CSV with "quoted" cells
    var cells = [], cell = "", quoted = false;
    for (var i = 0; i < line.length; i++) {
      var c = line[i];
      if (quoted) { if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c; }
      else if (c === '"') quoted = true;
      else if (c === delimiter) { cells.push(cell); cell = ""; }
      else cell += c;
    }
    cells.push(cell);
    return cells;
  }
  function readCsv(text, problems) {
    var rows = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
    if (rows.length && rows[rows.length - 1] === "") rows.pop();
    if (!rows.length || !text.trim()) { problems.push({ line: 1, text: say("empty_csv", {}) }); return []; }
    var first = rows[0], delimiter = [";", ",", "\t"].reduce(function (best, d) {
      return first.split(d).length > first.split(best).length ? d : best; }, ";");
    var header = splitRow(first, delimiter).map(function (c) { return c.trim().toLowerCase(); });
    function find(names) { for (var i = 0; i < names.length; i++) if (header.indexOf(names[i]) >= 0) return header.indexOf(names[i]); return -1; }
    var dateCol = find(DATE_COLUMNS), titleCol = find(TITLE_COLUMNS), from = 1, out = [];
    if (dateCol < 0) {
      if (parseDate(splitRow(first, delimiter)[0]) === null) {
        problems.push({ line: 1, text: say("no_date_column", {}) });
        return [];
      }
      dateCol = 0; titleCol = 1; from = 0;
    }
    for (var n = from; n < rows.length; n++) {
      var row = splitRow(rows[n], delimiter);
      if (!row.some(function (c) { return c.trim(); })) continue;
      var cell = row[dateCol] || "", day = parseDate(cell);
      if (day === null) { problems.push({ line: n + 1, text: say("not_a_date", { text: cell.trim() }) }); continue; }
      var title = titleCol >= 0 && titleCol < row.length ? row[titleCol].trim() : "";
      out.push({ day: day, title: title || words.texts.untitled, line: n + 1 });
    }
    return out;
  }
  function readTyped(text, problems) {  // the text field: one line each, date first, then the title
    var out = [];
    text.split(/\r\n|\n|\r/).forEach(function (raw, i) {
      var line = raw.trim();
      if (!line) return;
      var m = /^(\S+?)[;,\t ]+(.*)$/.exec(line), dateText = m ? m[1] : line, day = parseDate(dateText);
      if (day === null) { problems.push({ line: i + 1, text: say("not_a_date", { text: dateText }) }); return; }
      out.push({ day: day, title: (m ? m[2].trim() : "") || words.texts.untitled, line: i + 1 });
    });
    return out;
  }

  // The rules of calendar_build.site.clashes.relation
  function relation(day, h) {
    if (h.s <= day && day <= h.e) return "fest";
    if (h.eve && day === h.s - 1) return "vorabend";
    var first = h.s - (h.eve ? 2 : 1);
    if (h.approximate && (day === first || day === h.e + 1)) return "moeglich";
    return null;
  }
  var holidays = data.holidays.map(function (h) {
    return Object.assign({ s: parseDate(h.start), e: parseDate(h.end) }, h);
  });
  function clashes(planned) {
    var sorted = planned.slice().sort(function (a, b) { return a.day - b.day || a.line - b.line; }), out = [];
    sorted.forEach(function (p) {
      holidays.forEach(function (h) { var r = relation(p.day, h); if (r) out.push({ planned: p, holiday: h, relation: r }); });
    });
    return out;
  }
  function facts(c) {
    var h = c.holiday, list = [words.texts[c.relation]];
    if (h.eve) list.push(words.texts.eve);
    list.push(h.approximate ? words.texts.approximate : words.texts.fixed);
    if (h.public) list.push(words.texts["public"]);
    return list.join(words.separator);
  }

  function cell(row, text, href) {
    var td = document.createElement("td");
    if (href) { var a = document.createElement("a"); a.href = href; a.textContent = text; td.appendChild(a); }
    else td.textContent = text;
    row.appendChild(td);
  }
  function show(planned, problems, source) {
    var found = clashes(planned), table = document.getElementById("treffer"), body = table.querySelector("tbody");
    var list = document.getElementById("meldungen");
    body.textContent = ""; list.textContent = "";
    problems.forEach(function (p) {
      var li = document.createElement("li");
      li.textContent = say(p.warning ? "warning" : "error", { source: source, line: p.line, text: p.text });
      list.appendChild(li);
    });
    found.forEach(function (c) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-clash", iso(c.planned.day) + "|" + c.holiday.id + "|" + c.relation);
      cell(tr, dayText(c.planned.day)); cell(tr, c.planned.title);
      cell(tr, c.holiday.name + " (" + c.holiday.when + ")", c.holiday.page);
      cell(tr, c.holiday.category_label); cell(tr, facts(c));
      body.appendChild(tr);
    });
    table.hidden = found.length === 0;
    var days = {}, hit = {};
    planned.forEach(function (p) { days[p.day + "|" + p.title] = 1; });
    found.forEach(function (c) { hit[c.planned.day + "|" + c.planned.title] = 1; });
    var count = words.clashes[plurals.select(found.length)] || words.clashes.other;
    document.getElementById("zusammenfassung").textContent = say("summary", { source: source, year: data.year,
      hit: Object.keys(hit).length, days: Object.keys(days).length,
      clashes: count.replace("%(count)s", number(found.length)) });
  }

  var form = document.getElementById("planen"), fileInput = document.getElementById("datei");
  function check(event) {
    if (event) event.preventDefault();
    var problems = [], file = fileInput.files && fileInput.files[0];
    if (file) {
      file.text().then(function (text) {
        var ics = /\.(ics|ical)$/i.test(file.name), planned = ics ? readIcs(text, problems) : readCsv(text, problems);
        show(planned, problems, file.name);
      });
    } else {
      show(readTyped(document.getElementById("termine").value, problems), problems, words.texts.typed);
    }
  }
  form.addEventListener("submit", check);
  fileInput.addEventListener("change", function () { if (fileInput.files.length) check(); });
})();
