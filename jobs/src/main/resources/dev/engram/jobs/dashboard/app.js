// The Engram dashboard page: one card per stream, filled from /api/state, then kept live by the
// server-sent events of /api/events. Plots are uPlot (served from the jar). Read-only: the page only GETs.
(function () {
  'use strict';

  const HISTORY = 600;
  const KINDS = {
    vos: {
      title: 'VOS',
      charts: [
        { title: 'J&F', range: [0, 1], series: [['jAndF', 'J&F', '#0f766e']] },
        { title: 'frames/s and latency p95 (ms)', series: [['framesPerSecond', 'frames/s', '#1d4ed8'], ['processingLatency.p95', 'latency p95 ms', '#c2410c', 'ms']] },
      ],
      numbers: [['framesIn', 'frames', count], ['adaptationLoss', 'loss', fixed(4)], ['evictions', 'evicted', count],
        ['memorySelections', 'selected', count], ['grclGateShare', 'GRCL gate', percent], ['deadLetters', 'dead letters', count]],
    },
    events: {
      title: 'events',
      charts: [
        { title: 'events/s', series: [['eventsPerSecond', 'events/s', '#1d4ed8']] },
        { title: 'reservoir firing rate (Hz)', series: [['lsmFiringRate', 'Hz per neuron', '#7c3aed']] },
      ],
      numbers: [['eventsIn', 'events', count], ['processingLatency.p95', 'latency p95 ms', fixed(0)], ['deadLetters', 'dead letters', count]],
    },
    tta: {
      title: 'TTA',
      charts: [
        { title: 'error: adapted vs source', range: [0, 1], series: [['ttaError', 'adapted', '#0f766e'], ['sourceError', 'source', '#b91c1c']] },
        { title: 'prediction entropy (nats)', series: [['ttaEntropy', 'entropy', '#7c3aed']] },
      ],
      numbers: [['framesIn', 'digits', count], ['adaptationResets', 'resets', count], ['collapseDetections', 'collapses', count],
        ['adaptationStepBytes', 'step memory', bytes], ['processingLatency.p95', 'latency p95 ms', fixed(0)], ['deadLetters', 'dead letters', count]],
    },
    camera: { title: 'camera', charts: [], numbers: [['cameraConnected', 'connected', count], ['cameraReconnects', 'reconnects', count],
      ['cameraFramesDropped', 'dropped', count], ['cameraLastFrameAgeMs', 'last frame ms ago', fixed(0)]] },
  };

  let plotted = [];
  const cards = new Map();
  const latencies = [];
  let points = 0;

  // Hooks for tests and benchmarks: time from a learner's record to its point drawn on screen.
  window.engram = {
    cards: () => Array.from(cards.keys()),
    pointCount: (id) => (cards.has(id) ? cards.get(id).xs.length : -1),
    points: () => points,
    takeLatencies: () => latencies.splice(0, latencies.length),
  };

  function count(v) { return v == null ? '–' : Math.round(v).toLocaleString('en'); }
  function percent(v) { return v == null ? '–' : (100 * v).toFixed(0) + ' %'; }
  function fixed(d) { return (v) => (v == null ? '–' : Number(v).toFixed(d)); }
  function bytes(v) {
    if (v == null) return '–';
    if (v >= 1 << 20) return (v / (1 << 20)).toFixed(2) + ' MiB';
    if (v >= 1 << 10) return (v / (1 << 10)).toFixed(1) + ' KiB';
    return Math.round(v) + ' B';
  }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function card(id, kind) {
    let c = cards.get(id);
    if (c && c.kind === kind) return c;
    if (c) { c.root.remove(); cards.delete(id); }
    const spec = KINDS[kind] || KINDS.camera;
    const root = el('article', 'card');
    root.dataset.stream = id;
    root.dataset.kind = kind;
    const head = el('header');
    head.append(el('h3', null, id), el('span', 'kind', spec.title));
    const state = el('span', 'state', 'live');
    head.append(state);
    const badges = el('div', 'badges');
    const figure = el('figure');
    const img = el('img', 'preview');
    img.alt = 'latest picture of ' + id;
    img.hidden = true;
    const caption = el('figcaption');
    figure.append(img, caption);
    const gauge = el('div', 'gauge');
    const bar = el('div', 'bar');
    const fill = el('div', 'fill');
    bar.append(fill);
    const gaugeText = el('div', 'gauge-text');
    gauge.append(bar, gaugeText);
    const numbers = el('div', 'numbers');
    root.append(head, badges, figure, gauge, numbers);
    const xs = [];
    const charts = spec.charts.map((chart, i) => {
      const box = el('div', 'chart');
      box.dataset.chart = String(i);
      root.append(box);
      const ys = chart.series.map(() => []);
      const series = [{}].concat(chart.series.map((s) => ({ label: s[1], stroke: s[2], width: 1.5, scale: s[3] || 'y', spanGaps: true })));
      const scales = { x: { time: true }, y: chart.range ? { range: chart.range } : {} };
      const axes = [{}, { scale: 'y', size: 48 }];
      if (chart.series.some((s) => s[3] === 'ms')) {
        scales.ms = {};
        axes.push({ scale: 'ms', side: 1, size: 48, grid: { show: false } });
      }
      const plot = new uPlot({ title: chart.title, width: 360, height: 150, series, scales, axes, legend: { show: true, live: false } },
        [xs].concat(ys), box);
      return { chart, ys, plot };
    });
    c = { id, kind, spec, root, state, badges, img, caption, gauge, bar, fill, gaugeText, numbers, xs, charts, values: {}, preview: null };
    cards.set(id, c);
    place(c);
    document.getElementById('empty').hidden = true;
    return c;
  }

  function place(c) {
    const main = document.getElementById('cards');
    const order = (x) => ['vos', 'events', 'tta', 'camera'].indexOf(x.kind) + ':' + x.id;
    const after = Array.from(cards.values()).filter((o) => o !== c && o.root.isConnected && order(o) > order(c))
      .sort((a, b) => (order(a) < order(b) ? -1 : 1))[0];
    main.insertBefore(c.root, after ? after.root : null);
  }

  // Charts with new points are redrawn once per animation frame, however many updates arrived.
  const dirty = new Set();
  let pendingRecords = [];
  let frameAsked = false;

  function redraw() {
    frameAsked = false;
    for (const c of dirty) for (const ch of c.charts) ch.plot.setData([c.xs].concat(ch.ys));
    dirty.clear();
    const records = pendingRecords;
    pendingRecords = [];
    // The next frame has presented the canvases holding these points.
    requestAnimationFrame(() => {
      const now = Date.now();
      for (const r of records) if (latencies.length < 200000) latencies.push(now - r);
    });
  }

  function addPoint(c, p, live) {
    // p = [serverTimeMs, recordTimeMs, ...values in `plotted` order]
    c.xs.push(p[0] / 1000);
    for (const ch of c.charts) {
      ch.chart.series.forEach((s, i) => {
        const at = plotted.indexOf(s[0]);
        ch.ys[i].push(at < 0 ? null : p[2 + at]);
      });
    }
    if (c.xs.length > HISTORY) {
      c.xs.shift();
      for (const ch of c.charts) ch.ys.forEach((y) => y.shift());
    }
    points++;
    dirty.add(c);
    if (live) pendingRecords.push(p[1]);
    if (!frameAsked) {
      frameAsked = true;
      requestAnimationFrame(redraw);
    }
  }

  function show(c, s) {
    c.values = s.values || {};
    c.root.classList.toggle('ended', !!s.ended);
    c.state.textContent = s.ended ? 'ended' : 'live';
    const v = c.values;
    let gauge;
    if (v.budgetBytes > 0 && v.learnerBytes != null) {
      const share = v.learnerBytes / v.budgetBytes;
      const width = Math.min(100, 100 * share).toFixed(1) + '%';
      if (c.fill.style.width !== width) c.fill.style.width = width;
      c.fill.classList.toggle('high', share > 0.9);
      gauge = 'memory ' + bytes(v.learnerBytes) + ' of ' + bytes(v.budgetBytes) + ' budget ('
        + (100 * share).toFixed(0) + ' %)' + (v.bankBytes != null ? ', frame bank ' + bytes(v.bankBytes) : '');
      c.bar.hidden = false;
    } else {
      c.bar.hidden = true;
      gauge = v.learnerBytes != null ? 'learner state ' + bytes(v.learnerBytes) : '';
    }
    if (c.gaugeText.textContent !== gauge) c.gaugeText.textContent = gauge;
    const text = c.spec.numbers.map(([key, , fmt]) => fmt(v[key]));
    if (!c.numberCells) {
      c.numberCells = c.spec.numbers.map(([, label]) => {
        const d = el('div');
        const value = document.createTextNode('');
        d.append(el('span', null, label), value);
        c.numbers.append(d);
        return value;
      });
    }
    text.forEach((t, i) => { if (c.numberCells[i].data !== t) c.numberCells[i].data = t; });
  }

  function showPreview(p) {
    const c = cards.get(p.stream);
    if (!c) return;
    c.img.hidden = false;
    c.img.src = '/api/preview?stream=' + encodeURIComponent(p.stream) + '&v=' + p.index + '-' + p.timeMs;
    c.img.dataset.index = String(p.index);
    if (p.kind === 'tta') {
      c.caption.replaceChildren(el('span', 'digit', p.predicted >= 0 ? String(p.predicted) : '?'),
        el('div', null, 'true ' + (p.label >= 0 ? p.label : '?') + ' · adapted ' + p.predicted + ' · source '
          + (p.sourcePredicted >= 0 ? p.sourcePredicted : '?')), el('div', null, 'weather ' + (p.weather || '?')));
    } else {
      c.caption.textContent = p.caption || '';
    }
  }

  let shownAlerts = null;

  function showAlerts(alerts) {
    const key = JSON.stringify(alerts.map((a) => [a.kind, a.stream, a.message]));
    if (key === shownAlerts) return;
    shownAlerts = key;
    const list = document.getElementById('alert-list');
    document.getElementById('alert-count').textContent = String(alerts.length);
    list.replaceChildren(...alerts.map((a) => {
      const li = el('li', null, a.message);
      li.dataset.kind = a.kind;
      li.dataset.stream = a.stream;
      return li;
    }));
    for (const c of cards.values()) {
      const mine = alerts.filter((a) => a.stream === c.id);
      if (mine.length === 0 && c.badges.childElementCount === 0) continue;
      c.badges.replaceChildren(...mine.map((a) => {
        const b = el('span', 'badge', a.kind);
        b.dataset.alert = a.kind;
        b.title = a.message;
        return b;
      }));
    }
  }

  function showError(text) {
    const e = document.getElementById('error');
    e.hidden = !text;
    e.textContent = text ? 'metrics unavailable: ' + text : '';
  }

  function loadState() {
    return fetch('/api/state', { cache: 'no-store' }).then((r) => r.json()).then((s) => {
      plotted = s.plotted;
      document.getElementById('source').textContent = 'metrics from ' + s.source;
      for (const st of s.streams) {
        const c = card(st.id, st.kind);
        c.xs.length = 0;
        for (const ch of c.charts) ch.ys.forEach((y) => { y.length = 0; });
        for (const p of st.history) addPoint(c, p, false);
        show(c, st);
      }
      s.previews.forEach(showPreview);
      showAlerts(s.alerts);
      showError(s.error);
    });
  }

  function applyUpdate(u) {
    for (const st of u.streams) {
      const c = card(st.id, st.kind);
      if (st.point) addPoint(c, st.point, true);
      show(c, st);
    }
    u.previews.forEach(showPreview);
    showAlerts(u.alerts);
    showError(u.error);
  }

  function connect() {
    const status = document.getElementById('connection');
    const events = new EventSource('/api/events');
    let broken = false;
    events.addEventListener('update', (e) => applyUpdate(JSON.parse(e.data)));
    events.onopen = () => {
      status.textContent = 'live';
      status.className = 'connection live';
      if (broken) loadState();
      broken = false;
    };
    events.onerror = () => {
      broken = true;
      status.textContent = 'reconnecting…';
      status.className = 'connection lost';
    };
  }

  loadState().then(connect, connect);
})();
