// The shell lines that send one signed delivery (openssl + curl): printed by the CLI, shown by the
// UI, documented in the README; app/api/webhooks/webhooks-api.test.ts runs them against Planvas's
// own signature. Browser-safe: no node imports.
export function sampleCurl(url: string, secret: string, body = '{"topic":"hello"}'): string[] {
  return [
    `BODY='${body.replace(/'/g, "'\\''")}'`,
    "TS=$(date +%s)",
    `SIG=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac '${secret}' | sed 's/^.* //')`,
    `curl -sS -X POST '${url}' -H 'content-type: application/json' -H "Planvas-Timestamp: $TS" -H "Planvas-Signature: v1=$SIG" -d "$BODY"`,
  ];
}
