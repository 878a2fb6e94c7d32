/**
 * The Lua scripts of spend control. Each runs atomically in Redis, so concurrent
 * requests on every gateway see one consistent balance and one set of holds.
 *
 * Per account: `<p>:acct:<id>:balance` is a hash {micros, version}, the balance as of
 * ledger entry `version` (newer versions only ever replace older ones, so writers racing
 * out of order cannot roll it back); `<p>:acct:<id>:holds` maps hold id to
 * "<micros>:<expires at ms>". Per key: `<p>:key:<id>:spent` {micros, version}.
 * Numbers are integers in micro-dollars (see @app/pricing micros).
 */

/** Shared by the scripts below: set a versioned state hash only when newer. */
const SET_IF_NEWER = `
local function set_if_newer(key, micros, version, ttl)
  if micros == '' then return 0 end
  local current = redis.call('HGET', key, 'version')
  if current and tonumber(current) >= tonumber(version) then return 0 end
  redis.call('HSET', key, 'micros', micros, 'version', version)
  redis.call('PEXPIRE', key, ttl)
  return 1
end
`;

/**
 * KEYS: balance, holds, key spent. ARGV: hold id, amount micros, now ms, hold ttl ms,
 * key spend limit micros ('' for none).
 * Returns {status, held micros}: 'ok' (reserved), 'insufficient', 'key-limit',
 * 'missing-balance' / 'missing-key-spent' (load from PostgreSQL and call again).
 */
export const RESERVE_SCRIPT = `
local balance = redis.call('HGET', KEYS[1], 'micros')
if not balance then return {'missing-balance', '0'} end
local limit = ARGV[5]
local spent = nil
if limit ~= '' then
  spent = redis.call('HGET', KEYS[3], 'micros')
  if not spent then return {'missing-key-spent', '0'} end
end
local now = tonumber(ARGV[3])
local held = 0
local holds = redis.call('HGETALL', KEYS[2])
for i = 1, #holds, 2 do
  local value = holds[i + 1]
  local sep = string.find(value, ':', 1, true)
  local expires = tonumber(string.sub(value, sep + 1))
  if expires <= now then
    redis.call('HDEL', KEYS[2], holds[i])
  else
    held = held + tonumber(string.sub(value, 1, sep - 1))
  end
end
if limit ~= '' and tonumber(spent) >= tonumber(limit) then
  return {'key-limit', string.format('%.0f', held)}
end
local amount = tonumber(ARGV[2])
local available = tonumber(balance) - held
if available <= 0 or available < amount then
  return {'insufficient', string.format('%.0f', held)}
end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ':' .. string.format('%.0f', now + tonumber(ARGV[4])))
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
return {'ok', string.format('%.0f', held + amount)}
`;

/**
 * After a charge or credit committed. KEYS: balance, holds, key spent. ARGV: hold id
 * ('' for none), balance micros, version, key spent micros ('' for none), state ttl ms.
 */
export const SETTLE_SCRIPT = `${SET_IF_NEWER}
set_if_newer(KEYS[1], ARGV[2], ARGV[3], ARGV[5])
set_if_newer(KEYS[3], ARGV[4], ARGV[3], ARGV[5])
if ARGV[1] ~= '' then redis.call('HDEL', KEYS[2], ARGV[1]) end
return 1
`;

/** Loads state read from PostgreSQL. KEYS: state hash. ARGV: micros, version, ttl ms. */
export const LOAD_STATE_SCRIPT = `${SET_IF_NEWER}
return set_if_newer(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
`;

/** KEYS: holds. ARGV: now ms. Returns the unexpired held micros. */
export const HELD_SCRIPT = `
local now = tonumber(ARGV[1])
local held = 0
local holds = redis.call('HGETALL', KEYS[1])
for i = 1, #holds, 2 do
  local value = holds[i + 1]
  local sep = string.find(value, ':', 1, true)
  if tonumber(string.sub(value, sep + 1)) > now then held = held + tonumber(string.sub(value, 1, sep - 1)) end
end
return string.format('%.0f', held)
`;

/**
 * Fixed one-minute window per key. KEYS: counter of this window. ARGV: limit, window ms.
 * Returns 0 when allowed, else the milliseconds until the window ends.
 */
export const RATE_LIMIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if count > tonumber(ARGV[1]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then ttl = tonumber(ARGV[2]) end
  return ttl
end
return 0
`;
