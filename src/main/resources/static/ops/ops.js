// The operations dashboard: asks for the OPERATIONS key once (kept in sessionStorage), then reads the
// gateway's JSON endpoints every few seconds. Everything from the gateway is written as text, never as HTML.
'use strict';

const KEY_STORE = 'inkasso-gateway.ops-key';
const REFRESH_MS = 3000;
let timer = null;

const $ = (selector) => document.querySelector(selector);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([name, value]) => {
    if (value === undefined || value === null) return;
    if (name === 'onclick') node.addEventListener('click', value);
    else node.setAttribute(name, value);
  });
  children.flat().forEach((child) => node.append(child instanceof Node ? child : document.createTextNode(child ?? '')));
  return node;
}

function key() { return sessionStorage.getItem(KEY_STORE); }

function setStatus(text, isError) {
  const status = $('#status');
  status.textContent = text;
  status.classList.toggle('error', !!isError);
}

class Refused extends Error {}

async function call(method, path, body) {
  const options = { method, headers: { Authorization: 'Bearer ' + key() } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(path, options);
  if (response.status === 401 || response.status === 403) throw new Refused('key refused (' + response.status + ')');
  const json = await response.json().catch(() => ({}));
  if (!response.ok && !path.startsWith('/actuator/health')) {
    throw new Error(json.detail || json.title || ('HTTP ' + response.status));
  }
  return json;
}

function showConnected(connected) {
  $('#key-form').hidden = connected;
  $('#dashboard').hidden = !connected;
  $('#forget').hidden = !connected;
}

function forget(message) {
  sessionStorage.removeItem(KEY_STORE);
  clearTimeout(timer);
  showConnected(false);
  setStatus(message || 'not connected', !!message);
}

function time(iso) { return iso ? new Date(iso).toLocaleString() : ''; }

function renderHealth(health) {
  $('#health-status').textContent = health.status || '';
  $('#health-status').className = 'badge ' + (health.status || '');
  const rows = Object.entries(health.components || {}).map(([name, component]) =>
    el('tr', { 'data-component': name },
      el('td', {}, name),
      el('td', { class: 'state ' + component.status }, component.status),
      el('td', {}, component.details
        ? el('details', { 'data-key': 'health:' + name }, el('summary', {}, 'details'), el('pre', {}, JSON.stringify(component.details, null, 1))) : '')));
  $('#health tbody').replaceChildren(...rows);
}

// Agencies (their circuit) and SFTP sources, from the health components' details.
function renderEndpoints(health) {
  const components = health.components || {};
  const entries = (component, kind) => Object.entries((components[component] && components[component].details) || {})
    .filter(([, e]) => e && typeof e === 'object').map(([id, e]) => ({ id, kind, e }));
  const rows = [...entries('agencies', 'agency'), ...entries('sftpSources', 'SFTP source')].map(({ id, kind, e }) =>
    el('tr', { 'data-endpoint': id, 'data-kind': kind },
      el('td', {}, id),
      el('td', {}, kind),
      el('td', { class: 'state ' + e.status }, e.status),
      el('td', { class: 'circuit' }, e.circuit || e.server || ''),
      el('td', {}, String(e.consecutiveFailures ?? 0)),
      el('td', {}, time(e.lastSuccessAt)),
      el('td', {}, e.failingSince ? time(e.failingSince) + ': ' + (e.reason || '') : time(e.lastFailureAt))));
  $('#endpoints tbody').replaceChildren(...rows);
}

// Throughput from the counters' change between two refreshes.
const previous = { at: 0, counts: new Map() };
function perSecond(key, count, now) {
  const before = previous.counts.get(key);
  previous.counts.set(key, count);
  if (before === undefined || !previous.at || now <= previous.at) return '';
  return ((count - before) * 1000 / (now - previous.at)).toFixed(1);
}

function renderQueues(list, now) {
  $('#queues tbody').replaceChildren(...list.queues.map((q) => el('tr', { 'data-queue': q.queue },
    el('td', {}, q.queue),
    el('td', { class: 'depth' }, String(q.messages)),
    el('td', {}, String(q.consumers)),
    el('td', {}, perSecond('queue:' + q.queue, q.messagesAdded, now)),
    el('td', { class: q.deadLetters ? 'failed dead-letters' : 'dead-letters' }, q.deadLetterQueue ? String(q.deadLetters) : ''))));
}

function renderFailures(list) {
  $('#failures tbody').replaceChildren(...list.items.map((f, i) => el('tr', { 'data-failure': String(i) },
    el('td', {}, time(f.at)),
    el('td', { class: 'state ' + f.level }, f.level),
    el('td', {}, f.routeId || f.logger.split('.').pop()),
    el('td', {}, f.caseId || ''),
    el('td', { class: 'reason' }, f.message, f.error ? el('br') : '', f.error || ''))));
}

function renderPipeline(pipeline) {
  $('#pipeline-total').textContent = pipeline.total + ' cases';
  $('#pipeline').replaceChildren(...pipeline.states.map((s) =>
    el('li', { 'data-state': s.state }, el('b', {}, String(s.count)), s.state)));
}

function renderRoutes(list, now) {
  $('#routes tbody').replaceChildren(...list.routes.map((route) => {
    const started = route.state === 'Started';
    const own = route.routeId.startsWith('ops-') || route.routeId.startsWith('rest-ops-');
    const action = own ? '' : el('button', {
      type: 'button', class: started ? 'stop' : 'start',
      onclick: () => act('POST', '/api/v1/ops/routes/' + encodeURIComponent(route.routeId) + (started ? '/stop' : '/start')),
    }, started ? 'Stop' : 'Start');
    return el('tr', { 'data-route-id': route.routeId, title: route.from },
      el('td', {}, route.routeId),
      el('td', { class: 'state ' + route.state }, route.state),
      el('td', {}, String(route.exchangesTotal)),
      el('td', {}, perSecond('route:' + route.routeId, route.exchangesTotal, now)),
      el('td', { class: route.exchangesFailed ? 'failed' : '' }, String(route.exchangesFailed)),
      el('td', {}, String(route.exchangesInflight)),
      el('td', {}, String(route.meanProcessingTimeMillis ?? '')),
      el('td', {}, time(route.lastFailureAt)),
      el('td', {}, action));
  }));
}

function renderDeadLetters(overview) {
  const sections = overview.queues.map((queue) => {
    const base = '/api/v1/ops/dead-letters/' + encodeURIComponent(queue.queue);
    const rows = (queue.messages || []).map((m) => el('tr', { 'data-message-id': m.messageId },
      el('td', {}, m.messageId),
      el('td', {}, m.originalQueue),
      el('td', {}, m.failureReason),
      el('td', {}, time(m.firstAttemptAt), el('br'), time(m.lastAttemptAt)),
      el('td', {}, el('details', { 'data-key': 'dl:' + queue.queue + ':' + m.messageId }, el('summary', {}, m.bodyBytes + ' bytes (' + m.bodyEncoding + ')'), el('pre', {}, m.body))),
      el('td', {},
        el('button', { type: 'button', class: 'replay', onclick: () => act('POST', base + '/' + m.messageId + '/replay') }, 'Replay'),
        ' ',
        el('button', { type: 'button', class: 'discard', onclick: () => {
          const reason = prompt('Why is message ' + m.messageId + ' discarded? (kept in the audit)');
          if (reason && reason.trim()) act('POST', base + '/' + m.messageId + '/discard', { reason: reason.trim() });
        } }, 'Discard'))));
    return el('div', { class: 'dlq', 'data-queue': queue.queue },
      el('h3', {}, queue.queue + ' ', el('span', { class: 'count' }, String(queue.count)), ' (from ' + queue.originalQueue + ') ',
        queue.count > 0 ? el('button', { type: 'button', class: 'replay-all', onclick: () => {
          if (confirm('Replay all ' + queue.count + ' messages of ' + queue.queue + '?')) act('POST', base + '/replay');
        } }, 'Replay all') : '',
        ' ',
        queue.count > 0 ? el('button', { type: 'button', class: 'replay-matching', onclick: () => {
          const text = prompt('Replay the messages of ' + queue.queue + ' whose failure reason contains:');
          if (text && text.trim()) act('POST', base + '/replay?reason=' + encodeURIComponent(text.trim()));
        } }, 'Replay matching…') : ''),
      rows.length ? el('table', {},
        el('thead', {}, el('tr', {}, ['message', 'failed on', 'reason', 'first / last attempt', 'body', ''].map((h) => el('th', {}, h)))),
        el('tbody', {}, rows)) : '');
  });
  $('#dead-letters').replaceChildren(...sections);
}

function renderAudit(page) {
  $('#audit tbody').replaceChildren(...page.items.map((a) => el('tr', { 'data-audit-id': a.auditId },
    el('td', {}, time(a.at)), el('td', {}, a.clientId), el('td', {}, a.action),
    el('td', {}, [a.queue, a.messageId, a.routeId].filter(Boolean).join(' ')), el('td', {}, a.reason || ''))));
}

// A refresh redraws the tables; what the operator had unfolded stays unfolded.
function keepingOpen(render) {
  const open = new Set([...document.querySelectorAll('details[open][data-key]')].map((d) => d.dataset.key));
  render();
  document.querySelectorAll('details[data-key]').forEach((d) => { if (open.has(d.dataset.key)) d.open = true; });
}

async function act(method, path, body) {
  try {
    await call(method, path, body);
  } catch (e) {
    setStatus(e.message, true);
  }
  refresh();
}

async function refresh() {
  clearTimeout(timer);
  if (!key()) return;
  try {
    const [health, routes, deadLetters, pipeline, audit, queues, failures] = await Promise.all([
      call('GET', '/actuator/health'),
      call('GET', '/api/v1/ops/routes'),
      call('GET', '/api/v1/ops/dead-letters?limit=20'),
      call('GET', '/api/v1/ops/pipeline'),
      call('GET', '/api/v1/ops/audit?limit=20'),
      call('GET', '/api/v1/ops/queues').catch(() => ({ queues: [] })),
      call('GET', '/api/v1/ops/failures?limit=20'),
    ]);
    showConnected(true);
    const now = Date.now();
    keepingOpen(() => {
      renderHealth(health);
      renderEndpoints(health);
      renderRoutes(routes, now);
      renderQueues(queues, now);
      renderDeadLetters(deadLetters);
      renderPipeline(pipeline);
      renderFailures(failures);
      renderAudit(audit);
    });
    previous.at = now;
    setStatus('updated ' + new Date().toLocaleTimeString());
  } catch (e) {
    if (e instanceof Refused) {
      forget('The key was refused: an OPERATIONS key is needed.');
      return;
    }
    setStatus('refresh failed: ' + e.message, true);
  }
  timer = setTimeout(refresh, REFRESH_MS);
}

document.addEventListener('DOMContentLoaded', () => {
  $('#key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(KEY_STORE, $('#key').value.trim());
    $('#key').value = '';
    refresh();
  });
  $('#forget').addEventListener('click', () => forget());
  if (key()) refresh();
});
