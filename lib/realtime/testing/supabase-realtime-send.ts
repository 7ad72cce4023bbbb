// Test support: realtime.send as Supabase defines it (its Realtime tenant migrations): the broadcast
// is stored in realtime.messages with the topic set for the RLS check, and Supabase Realtime relays
// new rows to the topic's subscribers. Tests install it to stand in for Supabase's database side;
// lib/db/compat.sql must leave it alone. Not imported by application code.
export const SUPABASE_REALTIME_SEND = `
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void language plpgsql as $f$
begin
  begin
    perform set_config('realtime.topic', topic, true);
    insert into realtime.messages (payload, event, topic, private, extension)
    values (payload, event, topic, private, 'broadcast');
  exception when others then
    raise warning 'ErrorSendingBroadcastMessage: %', sqlerrm;
  end;
end
$f$;
comment on function realtime.send(jsonb, text, text, boolean) is null;
`;

/** The realtime.send of Planvas before wake-only notifications: the whole message in the NOTIFY. */
export const LEGACY_PLANVAS_REALTIME_SEND = `
create or replace function realtime.send(payload jsonb, event text, topic text, private boolean default true)
returns void language plpgsql as $f$
declare msg text;
begin
  msg := jsonb_build_object('topic', topic, 'event', event, 'private', private, 'payload', payload)::text;
  if octet_length(msg) > 7900 then
    msg := jsonb_build_object('topic', topic, 'event', event, 'private', private, 'truncated', true,
      'payload', jsonb_build_object('seq', payload -> 'seq', 'runId', payload -> 'runId'))::text;
  end if;
  perform pg_notify('planvas_realtime', msg);
end
$f$;
comment on function realtime.send(jsonb, text, text, boolean) is null;
`;
