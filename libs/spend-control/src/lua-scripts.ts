/**
 * The Lua scripts of spend control. Each runs atomically in Redis, so concurrent
 * requests on every gateway see one consistent balance and one set of holds.
 *
 * Per account:
 * - `balance`: hash {micros, version}, the balance as of ledger entry `version`; only a
 *   newer version ever replaces it, so writers racing out of order cannot roll it back.
 * - `holds`: hash hold id → micros; `hold-expiries`: sorted set hold id by expiry (ms);
 *   `held`: the running total of open holds (INCRBY/DECRBY: exact 64-bit integers), so
 *   a reservation costs O(log n) however many requests are in flight.
 * Per key: `spent`, hash {micros, version}.
 * Amounts are integers in micro-dollars (see @app/pricing micros).
 */

/** Releases expired holds (at most a batch per call) from KEYS[2..4] (holds, expiries, held). */
const EXPIRE_HOLDS = `
local function expire_holds(now)
  local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now, 'LIMIT', 0, 100)
  for _, id in ipairs(expired) do
    local amount = redis.call('HGET', KEYS[2], id)
    if amount then
      redis.call('HDEL', KEYS[2], id)
      redis.call('DECRBY', KEYS[4], amount)
    end
    redis.call('ZREM', KEYS[3], id)
  end
end
local function held_now()
  local held = tonumber(redis.call('GET', KEYS[4]) or '0')
  if held < 0 then return 0 end
  return held
end
local function release_hold(id)
  local amount = redis.call('HGET', KEYS[2], id)
  if amount then
    redis.call('HDEL', KEYS[2], id)
    redis.call('ZREM', KEYS[3], id)
    redis.call('DECRBY', KEYS[4], amount)
  end
end
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
`;

/**
 * KEYS: balance, holds, hold-expiries, held, key spent. ARGV: hold id, amount micros,
 * now ms, hold ttl ms, key spend limit micros ('' for none).
 * Returns {status, held micros}: 'ok' (reserved), 'insufficient', 'key-limit',
 * 'missing-balance' / 'missing-key-spent' (load from PostgreSQL and call again).
 */
export const RESERVE_SCRIPT = `${EXPIRE_HOLDS}
local balance = redis.call('HGET', KEYS[1], 'micros')
if not balance then return {'missing-balance', '0'} end
local limit = ARGV[5]
local spent = nil
if limit ~= '' then
  spent = redis.call('HGET', KEYS[5], 'micros')
  if not spent then return {'missing-key-spent', '0'} end
end
local now = tonumber(ARGV[3])
expire_holds(now)
local held = held_now()
if limit ~= '' and tonumber(spent) >= tonumber(limit) then
  return {'key-limit', string.format('%.0f', held)}
end
local amount = tonumber(ARGV[2])
local available = tonumber(balance) - held
if available <= 0 or available < amount then
  return {'insufficient', string.format('%.0f', held)}
end
local ttl = tonumber(ARGV[4])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[3], now + ttl, ARGV[1])
redis.call('INCRBY', KEYS[4], ARGV[2])
for i = 2, 4 do redis.call('PEXPIRE', KEYS[i], ttl) end
return {'ok', string.format('%.0f', held + amount)}
`;

/** KEYS: balance, holds, hold-expiries, held, key spent. ARGV: the hold ids to release. */
export const RELEASE_SCRIPT = `${EXPIRE_HOLDS}
for i = 1, #ARGV do release_hold(ARGV[i]) end
return 1
`;

/**
 * After a charge or credit committed. KEYS: balance, holds, hold-expiries, held, key
 * spent. ARGV: balance micros, version, key spent micros ('' for none), state ttl ms,
 * then the hold ids to release (none or many).
 */
export const SETTLE_SCRIPT = `${EXPIRE_HOLDS}${SET_IF_NEWER}
set_if_newer(KEYS[1], ARGV[1], ARGV[2], ARGV[4])
set_if_newer(KEYS[5], ARGV[3], ARGV[2], ARGV[4])
for i = 5, #ARGV do release_hold(ARGV[i]) end
return 1
`;

/** Loads state read from PostgreSQL. KEYS: state hash. ARGV: micros, version, ttl ms. */
export const LOAD_STATE_SCRIPT = `${SET_IF_NEWER}
return set_if_newer(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
`;

/** KEYS: balance, holds, hold-expiries, held, key spent. ARGV: now ms. The open holds' total. */
export const HELD_SCRIPT = `${EXPIRE_HOLDS}
expire_holds(tonumber(ARGV[1]))
return string.format('%.0f', held_now())
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
