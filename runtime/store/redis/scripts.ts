/**
 * Lua scripts run atomically inside Redis by `RedisStore`. Every key is built from the prefix passed as
 * ARGV[1] (one Redis database per Baton deployment; not for Redis Cluster, where the keys of one script would
 * have to share a hash slot).
 *
 * Opaque JSON (states, log entries, payloads) is passed as strings and stored as-is: Lua's cjson would turn an
 * empty array into `{}`, so the scripts never decode what they do not need to look at.
 */

/**
 * commit(prefix, plan, fenceToken?)
 * plan = JSON {id, create, ext, mode, rec, append: [json], cancel: [key], timers: [[key, at, json]],
 *   outbox: [[id, nextAt, json]], handoffs: [[id, json]], records: [[kind, at, id, json]], idem: [key, at, json] | false}
 * `rec` is the conversation record as JSON WITHOUT lastSeq (the seq lives in the hash field `seq`).
 * Returns {0, lastSeq, firstSeq} or {1, message} for a conflict.
 */
export const COMMIT = `
local p = ARGV[1]
local plan = cjson.decode(ARGV[2])
local fence = ARGV[3]
local id = plan.id
local ck = p .. 'conv:' .. id
if fence ~= nil and fence ~= '' then
  if redis.call('GET', p .. 'lock:' .. id) ~= fence then
    return {1, 'lost the lock on conversation ' .. id .. ' (another instance took over after the lease ran out); nothing was written'}
  end
end
local exists = redis.call('EXISTS', ck) == 1
if plan.create and exists then return {1, 'conversation ' .. id .. ' already exists'} end
if (not plan.create) and (not exists) then return {1, 'conversation ' .. id .. ' does not exist'} end
if plan.create and plan.ext and plan.ext ~= cjson.null and redis.call('HEXISTS', p .. 'ext', plan.ext) == 1 then
  return {1, 'external key ' .. plan.ext .. ' is already mapped'}
end
local priorMode = false
local seq = 0
if exists then
  local v = redis.call('HMGET', ck, 'mode', 'seq')
  priorMode = v[1]
  seq = tonumber(v[2]) or 0
end
local first = seq + 1
local lk = p .. 'log:' .. id
local n = #plan.append
if n > 0 then
  redis.call('RPUSH', lk, unpack(plan.append))
  seq = seq + n
end
redis.call('HSET', ck, 'rec', plan.rec, 'seq', seq, 'mode', plan.mode)
if priorMode and priorMode ~= plan.mode then redis.call('SREM', p .. 'mode:' .. priorMode, id) end
if priorMode ~= plan.mode then redis.call('SADD', p .. 'mode:' .. plan.mode, id) end
if plan.ext and plan.ext ~= cjson.null then redis.call('HSET', p .. 'ext', plan.ext, id) end
for _, key in ipairs(plan.cancel) do
  redis.call('HDEL', p .. 'timers', key)
  redis.call('ZREM', p .. 'timerAt', key)
  redis.call('HDEL', p .. 'timerLease', key)
end
for _, t in ipairs(plan.timers) do
  redis.call('HSET', p .. 'timers', t[1], t[3])
  redis.call('ZADD', p .. 'timerAt', t[2], t[1])
  redis.call('HDEL', p .. 'timerLease', t[1])
end
for _, o in ipairs(plan.outbox) do
  if redis.call('HSETNX', p .. 'outbox', o[1], o[3]) == 1 then
    redis.call('ZADD', p .. 'outboxAt', o[2], o[1])
  end
end
for _, h in ipairs(plan.handoffs) do redis.call('HSET', p .. 'handoffs', h[1], h[2]) end
for _, r in ipairs(plan.records) do
  redis.call('HSET', p .. 'rec:' .. r[1], r[3], r[4])
  redis.call('ZADD', p .. 'recAt:' .. r[1], r[2], r[3])
end
if plan.idem and plan.idem ~= cjson.null then
  redis.call('HSET', p .. 'idem', plan.idem[1], plan.idem[3])
  redis.call('ZADD', p .. 'idemAt', plan.idem[2], plan.idem[1])
end
if n > 0 then
  -- fan out to every instance: {"c":id,"s":firstSeq,"e":[entries without id/seq]}
  redis.call('PUBLISH', p .. 'push', '{"c":' .. cjson.encode(id) .. ',"s":' .. first .. ',"e":[' .. table.concat(plan.append, ',') .. ']}')
end
return {0, seq, first}
`;

/**
 * claim(prefix, indexKey, leaseKey, now, limit, leaseUntil, itemsKey, owner)
 * Due members of the sorted set `indexKey` (score <= now), earliest first, that are not leased: a lease
 * `until|holder` in the hash `leaseKey` counts while until > now and the holder is this owner or still alive
 * (its presence key `inst:<holder>` exists). Leases them to `owner` until `leaseUntil`, returns their JSON.
 */
export const CLAIM = `
local p = ARGV[1]
local idx = p .. ARGV[2]
local leases = p .. ARGV[3]
local now = tonumber(ARGV[4])
local limit = tonumber(ARGV[5])
local untilAt = ARGV[6]
local items = p .. ARGV[7]
local owner = ARGV[8]
local out = {}
local offset = 0
while #out < limit do
  local batch = redis.call('ZRANGEBYSCORE', idx, '-inf', ARGV[4], 'LIMIT', offset, 200)
  if #batch == 0 then break end
  offset = offset + #batch
  for _, key in ipairs(batch) do
    if #out >= limit then break end
    local lease = redis.call('HGET', leases, key)
    local free = true
    if lease then
      local sep = string.find(lease, '|', 1, true)
      local leaseUntil = tonumber(string.sub(lease, 1, sep - 1))
      local holder = string.sub(lease, sep + 1)
      if leaseUntil > now and (holder == owner or redis.call('EXISTS', p .. 'inst:' .. holder) == 1) then free = false end
    end
    if free then
      local v = redis.call('HGET', items, key)
      if v then
        redis.call('HSET', leases, key, untilAt .. '|' .. owner)
        out[#out + 1] = v
      else
        redis.call('ZREM', idx, key)
      end
    end
  end
end
return out
`;

/** finishOutbox(prefix, id, json, nextAt|''): stores the item's new JSON; re-indexes it at nextAt or removes it from the due index. */
export const FINISH_OUTBOX = `
local p = ARGV[1]
if redis.call('HEXISTS', p .. 'outbox', ARGV[2]) == 0 then return 0 end
redis.call('HSET', p .. 'outbox', ARGV[2], ARGV[3])
redis.call('HDEL', p .. 'outboxLease', ARGV[2])
if ARGV[4] == '' then
  redis.call('ZREM', p .. 'outboxAt', ARGV[2])
  redis.call('ZADD', p .. 'outboxDone', ARGV[5], ARGV[2])
else
  redis.call('ZADD', p .. 'outboxAt', ARGV[4], ARGV[2])
end
return 1
`;

/** lock(prefix, id, token, ttlMs): SET NX PX. unlock / extend only when the token still holds it. */
export const UNLOCK = `
if redis.call('GET', ARGV[1] .. 'lock:' .. ARGV[2]) == ARGV[3] then return redis.call('DEL', ARGV[1] .. 'lock:' .. ARGV[2]) end
return 0
`;
export const EXTEND = `
if redis.call('GET', ARGV[1] .. 'lock:' .. ARGV[2]) == ARGV[3] then return redis.call('PEXPIRE', ARGV[1] .. 'lock:' .. ARGV[2], ARGV[4]) end
return 0
`;

/**
 * prune(prefix, before, plan): deletes the closed conversations the caller chose, each only if it is STILL closed
 * before `before` here (a customer message may have reopened it, on any instance, after the caller read it: it
 * stays, with its log). plan = JSON {victims: [{id, timers: [key], handoffs: [id], outbox: [id]}], idem: [key],
 * outboxOld: [id], outboxGone: [id]}: per victim, its timers, handoffs and finished outbox items as the caller read
 * them (deleted with it); idempotency keys and finished outbox items older than `before` (deleted in any case);
 * outboxDone members whose item no longer exists. Returns how many conversations were deleted.
 */
export const PRUNE = `
local p = ARGV[1]
local before = tonumber(ARGV[2])
local plan = cjson.decode(ARGV[3])
local pruned = 0
for _, v in ipairs(plan.victims) do
  local ck = p .. 'conv:' .. v.id
  local got = redis.call('HMGET', ck, 'mode', 'rec')
  if got[1] == 'closed' and got[2] then
    local rec = cjson.decode(got[2])
    if type(rec.closedAt) == 'number' and rec.closedAt < before then
      pruned = pruned + 1
      redis.call('DEL', ck, p .. 'log:' .. v.id)
      redis.call('SREM', p .. 'mode:closed', v.id)
      if type(rec.externalKey) == 'string' and redis.call('HGET', p .. 'ext', rec.externalKey) == v.id then
        redis.call('HDEL', p .. 'ext', rec.externalKey)
      end
      for _, key in ipairs(v.timers) do
        redis.call('HDEL', p .. 'timers', key)
        redis.call('ZREM', p .. 'timerAt', key)
        redis.call('HDEL', p .. 'timerLease', key)
      end
      for _, id in ipairs(v.handoffs) do redis.call('HDEL', p .. 'handoffs', id) end
      for _, id in ipairs(v.outbox) do
        redis.call('HDEL', p .. 'outbox', id)
        redis.call('ZREM', p .. 'outboxDone', id)
        redis.call('HDEL', p .. 'outboxLease', id)
      end
    end
  end
end
for _, key in ipairs(plan.idem) do
  local at = redis.call('ZSCORE', p .. 'idemAt', key)
  if at and tonumber(at) < before then
    redis.call('HDEL', p .. 'idem', key)
    redis.call('ZREM', p .. 'idemAt', key)
  end
end
for _, id in ipairs(plan.outboxOld) do
  redis.call('HDEL', p .. 'outbox', id)
  redis.call('ZREM', p .. 'outboxDone', id)
  redis.call('HDEL', p .. 'outboxLease', id)
end
for _, id in ipairs(plan.outboxGone) do redis.call('ZREM', p .. 'outboxDone', id) end
return pruned
`;
