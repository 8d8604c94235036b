/* planen.js – the planning check in the browser: which planned dates fall on a feast of the edition.
   Plain JavaScript, no framework; nothing is sent anywhere. The rules are those of
   `calendar-build clashes` (calendar_build/site/clashes.py and planned.py); keep both in step. */
(function () {
  "use strict";
  var data = window.KALENDER;
  var DAY = 86400000;
  var WEEKDAYS = ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"];
  var MONTHS = ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."];
  var RELATIONS = { fest: "am Fest", vorabend: "am Vorabend", moeglich: "möglich, falls sich das Datum verschiebt" };
  var DATE_COLUMNS = ["datum", "date", "tag", "start", "beginn", "dtstart"];
  var TITLE_COLUMNS = ["titel", "termin", "title", "summary", "betreff", "name", "veranstaltung", "anlass"];

  function dayNumber(y, m, d) {  // days since 1970-01-01; null for an impossible date
    var t = Date.UTC(y, m - 1, d), check = new Date(t);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
    return Math.round(t / DAY);
  }
  function parseDate(text) {
    var s = text.trim(), m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
    if (m) return dayNumber(+m[1], +m[2], +m[3]);
    m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
    return m ? dayNumber(+m[3], +m[2], +m[1]) : null;
  }
  function iso(n) { return new Date(n * DAY).toISOString().slice(0, 10); }
  function german(n) {
    var d = new Date(n * DAY), wd = (d.getUTCDay() + 6) % 7, p = iso(n).split("-");
    return WEEKDAYS[wd] + " " + p[2] + "." + p[1] + "." + p[0];
  }
  function range(a, b) {  // '6. Jan.', '24.–26. Dez.', '31. März–2. Apr.' as calendar_build.pages.dates
    var s = new Date(a * DAY), e = new Date(b * DAY);
    function dm(d) { return d.getUTCDate() + ". " + MONTHS[d.getUTCMonth()]; }
    if (a === b) return dm(s);
    if (s.getUTCFullYear() !== e.getUTCFullYear()) return dm(s) + " " + s.getUTCFullYear() + "–" + dm(e);
    if (s.getUTCMonth() === e.getUTCMonth()) return s.getUTCDate() + ".–" + dm(e);
    return dm(s) + "–" + dm(e);
  }

  // Planned dates: {day, title, line}; problems: {line, text, warning}
  function span(start, last, title, line, out, problems) {
    if (last < start) last = start;
    if (last - start >= 366) { problems.push({ line: line, text: "Der Termin '" + title + "' dauert länger als ein Jahr – bitte prüfen." }); return; }
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
      problems.push({ line: 1, text: "Keine iCalendar-Datei (BEGIN:VCALENDAR fehlt) – bitte eine ICS- oder CSV-Datei angeben." });
    return out;
  }
  function readEvent(ev, begin, out, problems) {
    var title = ev.SUMMARY ? unescapeText(ev.SUMMARY[1]).trim() : "";
    title = title || "(ohne Titel)";
    if (!ev.DTSTART) { problems.push({ line: begin, text: "Der Termin '" + title + "' hat kein DTSTART – er wird nicht geprüft." }); return; }
    var start = icsMoment(ev.DTSTART[1]);
    if (!start) { problems.push({ line: ev.DTSTART[0], text: "DTSTART '" + ev.DTSTART[1].trim() + "' ist kein Datum – erwartet z. B. 20270412 oder 20270412T190000." }); return; }
    var last = start[0];
    if (ev.DTEND) {
      var end = icsMoment(ev.DTEND[1]);
      if (!end) { problems.push({ line: ev.DTEND[0], text: "DTEND '" + ev.DTEND[1].trim() + "' ist kein Datum." }); return; }
      var exclusive = start[1] || end[2];
      last = exclusive && end[0] > start[0] ? end[0] - 1 : end[0];
    }
    if (ev.RRULE) problems.push({ line: ev.RRULE[0], warning: true, text: "Der Termin '" + title + "' wiederholt sich (RRULE) – geprüft wird nur der erste Termin." });
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
    if (!rows.length || !text.trim()) { problems.push({ line: 1, text: "Die CSV-Datei ist leer." }); return []; }
    var first = rows[0], delimiter = [";", ",", "\t"].reduce(function (best, d) {
      return first.split(d).length > first.split(best).length ? d : best; }, ";");
    var header = splitRow(first, delimiter).map(function (c) { return c.trim().toLowerCase(); });
    function find(names) { for (var i = 0; i < names.length; i++) if (header.indexOf(names[i]) >= 0) return header.indexOf(names[i]); return -1; }
    var dateCol = find(DATE_COLUMNS), titleCol = find(TITLE_COLUMNS), from = 1, out = [];
    if (dateCol < 0) {
      if (parseDate(splitRow(first, delimiter)[0]) === null) {
        problems.push({ line: 1, text: "Keine Datumsspalte gefunden – erwartet eine Spalte 'datum' (oder date, start) oder das Datum in der ersten Spalte." });
        return [];
      }
      dateCol = 0; titleCol = 1; from = 0;
    }
    for (var n = from; n < rows.length; n++) {
      var row = splitRow(rows[n], delimiter);
      if (!row.some(function (c) { return c.trim(); })) continue;
      var cell = row[dateCol] || "", day = parseDate(cell);
      if (day === null) { problems.push({ line: n + 1, text: "'" + cell.trim() + "' ist kein Datum – erwartet " + "2027-04-12 oder 12.04.2027." }); continue; }
      var title = titleCol >= 0 && titleCol < row.length ? row[titleCol].trim() : "";
      out.push({ day: day, title: title || "(ohne Titel)", line: n + 1 });
    }
    return out;
  }
  function readTyped(text, problems) {  // the text field: one line each, date first, then the title
    var out = [];
    text.split(/\r\n|\n|\r/).forEach(function (raw, i) {
      var line = raw.trim();
      if (!line) return;
      var m = /^(\S+?)[;,\t ]+(.*)$/.exec(line), dateText = m ? m[1] : line, day = parseDate(dateText);
      if (day === null) { problems.push({ line: i + 1, text: "'" + dateText + "' ist kein Datum – erwartet 2027-04-12 oder 12.04.2027." }); return; }
      out.push({ day: day, title: (m ? m[2].trim() : "") || "(ohne Titel)", line: i + 1 });
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
    var h = c.holiday, list = [RELATIONS[c.relation]];
    if (h.eve) list.push("beginnt am Vorabend");
    list.push(h.approximate ? "Datum kann sich um einen Tag verschieben" : "Datum steht fest");
    if (h.public) list.push("gesetzlicher Feiertag");
    return list.join(", ");
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
      li.textContent = source + ":" + p.line + ": " + (p.warning ? "Warnung" : "Fehler") + ": " + p.text;
      list.appendChild(li);
    });
    found.forEach(function (c) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-clash", iso(c.planned.day) + "|" + c.holiday.id + "|" + c.relation);
      cell(tr, german(c.planned.day)); cell(tr, c.planned.title);
      cell(tr, c.holiday.name + " (" + range(c.holiday.s, c.holiday.e) + ")", c.holiday.page);
      cell(tr, c.holiday.category_label); cell(tr, facts(c));
      body.appendChild(tr);
    });
    table.hidden = found.length === 0;
    var days = {}, hit = {};
    planned.forEach(function (p) { days[p.day + "|" + p.title] = 1; });
    found.forEach(function (c) { hit[c.planned.day + "|" + c.planned.title] = 1; });
    document.getElementById("zusammenfassung").textContent = "Planungsprüfung " + source + " gegen den Kalender " +
      data.year + ": " + Object.keys(hit).length + " von " + Object.keys(days).length +
      " geplanten Tagen treffen auf Feste (" + found.length + (found.length === 1 ? " Überschneidung)." : " Überschneidungen).");
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
      show(readTyped(document.getElementById("termine").value, problems), problems, "Eingabe");
    }
  }
  form.addEventListener("submit", check);
  fileInput.addEventListener("change", function () { if (fileInput.files.length) check(); });
})();
