/**
 * The Lua scripts of spend control. Each runs atomically in Redis, so concurrent
 * requests on every gateway see one consistent balance, one set of holds per account and
 * per key, and one request and token count per key and minute.
 *
 * Every key a script touches belongs to one account and carries its id as a hash tag
 * (`<prefix>:acct:{<account>}:…`), so all of them live in one Redis Cluster slot. Per account:
 * - `balance`: hash {micros, version}, the balance as of ledger entry `version`; only a
 *   newer version ever replaces it, so writers racing out of order cannot roll it back.
 * - `holds`: hash hold id → `<micros>|<key id>`; `hold-expiries`: sorted set hold id by
 *   expiry (ms); `held`: the running total of open holds (INCRBY/DECRBY: exact 64-bit
 *   integers); `key-held`: hash key id → the total of that key's open holds.
 * - `key-spent`: hash of the account's keys' spend, per key `<key>:total` (for ever),
 *   `<key>:period` and `<key>:start` (the spend in the window starting at `start` ms),
 *   `<key>:version` (the account's ledger version they are as of).
 * - `rate:<key>:rpm:<minute>`, `rate:<key>:tpm:<minute>`: a key's requests and tokens in a
 *   one-minute window.
 * Amounts are integers in micro-dollars (see @app/pricing micros).
 */

/**
 * Helpers over KEYS[2..5] (holds, hold-expiries, held, key-held). A hold expires only
 * when nothing ended it within its lifetime (a gateway died mid-request, or the event was
 * lost): the script reports each expiry, which the caller counts and alerts on.
 */
const HOLD_HELPERS = `
local function parse_hold(value)
  local sep = string.find(value, '|', 1, true)
  if not sep then return value, nil end
  return string.sub(value, 1, sep - 1), string.sub(value, sep + 1)
end
local function drop_hold(id, value)
  local amount, key = parse_hold(value)
  redis.call('HDEL', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
  if redis.call('DECRBY', KEYS[4], amount) <= 0 then redis.call('DEL', KEYS[4]) end
  if key then
    if redis.call('HINCRBY', KEYS[5], key, -tonumber(amount)) <= 0 then
      redis.call('HDEL', KEYS[5], key)
    end
  end
  return tonumber(amount)
end
local function expire_holds(now)
  local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, 100)
  local count, micros = 0, 0
  for _, id in ipairs(expired) do
    local value = redis.call('HGET', KEYS[2], id)
    if value then
      micros = micros + drop_hold(id, value)
      count = count + 1
    else
      redis.call('ZREM', KEYS[3], id)
    end
  end
  return count, micros
end
local function held_now()
  local held = tonumber(redis.call('GET', KEYS[4]) or '0')
  if held < 0 then return 0 end
  return held
end
local function release_hold(id)
  local value = redis.call('HGET', KEYS[2], id)
  if value then drop_hold(id, value) end
end
local function fmt(n) return string.format('%.0f', n) end
`;

/** Sets a versioned state hash only when the version is newer. */
const SET_IF_NEWER = `
local function set_if_newer(key, micros, version, ttl)
  if micros == '' then return 0 end
  local current = redis.call('HGET', key, 'version')
  if current and tonumber(current) >= tonumber(version) then return 0 end
  redis.call('HSET', key, 'micros', micros, 'version', version)
  redis.call('PEXPIRE', key, ttl)
  return 1
end
local function set_key_if_newer(key_id, total, period, start, version, ttl)
  local current = redis.call('HGET', KEYS[6], key_id .. ':version')
  if current and tonumber(current) >= tonumber(version) then return 0 end
  redis.call('HSET', KEYS[6], key_id .. ':total', total, key_id .. ':period', period,
    key_id .. ':start', start, key_id .. ':version', version)
  redis.call('PEXPIRE', KEYS[6], ttl)
  return 1
end
`;

/**
 * KEYS: balance, holds, hold-expiries, held, key-held, key-spent, requests counter, tokens
 * counter. ARGV: 1 hold id, 2 amount micros, 3 now ms, 4 hold lifetime ms, 5 key id,
 * 6 key spend limit micros ('' for none), 7 the key's window start ms ('' for ever),
 * 8 requests per minute ('' for none), 9 tokens per minute ('' for none), 10 tokens this
 * request may use, 11 rate window ms, 12 lifetime ms of the structures (≥ any hold's).
 *
 * Returns {status, detail, expired count, expired micros}: 'ok' (reserved; detail: held),
 * 'insufficient', 'key-limit', 'rate-requests' / 'rate-tokens' (detail: ms until the
 * window ends), 'missing-balance' / 'missing-key-spent' (load from PostgreSQL, call again).
 * A request counts against the rate limits only when admitted.
 */
export const RESERVE_SCRIPT = `${HOLD_HELPERS}
local balance = redis.call('HGET', KEYS[1], 'micros')
if not balance then return {'missing-balance', '0', '0', '0'} end
local key_id = ARGV[5]
local limit = ARGV[6]
local spent = 0
if limit ~= '' then
  local fields = redis.call('HMGET', KEYS[6], key_id .. ':total', key_id .. ':period', key_id .. ':start')
  if not fields[1] then return {'missing-key-spent', '0', '0', '0'} end
  if ARGV[7] == '' then
    spent = tonumber(fields[1])
  elseif fields[3] ~= '' and tonumber(fields[3]) >= tonumber(ARGV[7]) then
    spent = tonumber(fields[2])
  end
end
local now = tonumber(ARGV[3])
local expired, expired_micros = expire_holds(now)
local function refuse(status, detail)
  return {status, detail, tostring(expired), fmt(expired_micros)}
end
local window = tonumber(ARGV[11])
local function wait_ms(key)
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then ttl = window end
  return tostring(ttl)
end
local tokens = tonumber(ARGV[10])
if ARGV[8] ~= '' and tonumber(redis.call('GET', KEYS[7]) or '0') + 1 > tonumber(ARGV[8]) then
  return refuse('rate-requests', wait_ms(KEYS[7]))
end
if ARGV[9] ~= '' then
  local used = tonumber(redis.call('GET', KEYS[8]) or '0')
  -- A request larger than the whole limit could never pass: refused with the full window.
  if used + tokens > tonumber(ARGV[9]) then return refuse('rate-tokens', wait_ms(KEYS[8])) end
end
local amount = tonumber(ARGV[2])
if limit ~= '' then
  local key_held = tonumber(redis.call('HGET', KEYS[5], key_id) or '0')
  if spent + key_held + amount > tonumber(limit) then return refuse('key-limit', '0') end
end
local held = held_now()
local available = tonumber(balance) - held
if available <= 0 or available < amount then return refuse('insufficient', fmt(held)) end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. '|' .. key_id)
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[4]), ARGV[1])
redis.call('INCRBY', KEYS[4], ARGV[2])
redis.call('HINCRBY', KEYS[5], key_id, ARGV[2])
for i = 2, 5 do redis.call('PEXPIRE', KEYS[i], ARGV[12]) end
if ARGV[8] ~= '' and redis.call('INCR', KEYS[7]) == 1 then redis.call('PEXPIRE', KEYS[7], window) end
if ARGV[9] ~= '' and redis.call('INCRBY', KEYS[8], tokens) == tokens then
  redis.call('PEXPIRE', KEYS[8], window)
end
return {'ok', fmt(held + amount), tostring(expired), fmt(expired_micros)}
`;

/**
 * The event of a hold is on its way to the worker (queue or outbox): the hold now lives
 * until the worker charges or releases it, up to the last-resort lifetime ARGV[2] ms.
 * KEYS: balance, holds, hold-expiries. ARGV: hold id, lifetime ms, now ms.
 */
export const PIN_SCRIPT = `
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then
  redis.call('ZADD', KEYS[3], tonumber(ARGV[3]) + tonumber(ARGV[2]), ARGV[1])
  return 1
end
return 0
`;

/** KEYS: as RESERVE's first six. ARGV: the hold ids to release. */
export const RELEASE_SCRIPT = `${HOLD_HELPERS}
for i = 1, #ARGV do release_hold(ARGV[i]) end
return 1
`;

/**
 * After a charge or credit committed. KEYS: as RESERVE's first six. ARGV: balance micros,
 * version, state ttl ms, number of keys N, then N × (key id, total micros, period micros,
 * period start ms or ''), then the hold ids to release (none or many).
 */
export const SETTLE_SCRIPT = `${HOLD_HELPERS}${SET_IF_NEWER}
set_if_newer(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
local n = tonumber(ARGV[4])
for i = 0, n - 1 do
  local at = 5 + i * 4
  set_key_if_newer(ARGV[at], ARGV[at + 1], ARGV[at + 2], ARGV[at + 3], ARGV[2], ARGV[3])
end
for i = 5 + n * 4, #ARGV do release_hold(ARGV[i]) end
return 1
`;

/** Loads an account's balance read from PostgreSQL. KEYS: balance. ARGV: micros, version, ttl ms. */
export const LOAD_STATE_SCRIPT = `${SET_IF_NEWER}
return set_if_newer(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
`;

/**
 * Loads a key's spend read from PostgreSQL. KEYS: as RESERVE's first six. ARGV: key id,
 * total micros, period micros, period start ms or '', version, ttl ms.
 */
export const LOAD_KEY_SPENT_SCRIPT = `${SET_IF_NEWER}
return set_key_if_newer(ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
`;

/** Forgets a key's spend (its window changed): the next request reloads it. KEYS[6]; ARGV: key id. */
export const FORGET_KEY_SPENT_SCRIPT = `
redis.call('HDEL', KEYS[6], ARGV[1] .. ':total', ARGV[1] .. ':period', ARGV[1] .. ':start', ARGV[1] .. ':version')
return 1
`;

/**
 * KEYS: as RESERVE's first six. ARGV: now ms. The open holds' total, and what expired now:
 * {held micros, expired count, expired micros}.
 */
export const HELD_SCRIPT = `${HOLD_HELPERS}
local expired, expired_micros = expire_holds(tonumber(ARGV[1]))
return {fmt(held_now()), tostring(expired), fmt(expired_micros)}
`;
