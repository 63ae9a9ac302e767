// The yardstick: a bare node:http server that answers every request with the same bytes as a
// handbook page (read from the file named on the command line). Whatever it manages on this
// machine is the most Node can do here; bench/run.ts reports the app as a share of it.
//
//   node --import tsx bench/bare-server.ts <port> <body.html>
import { createServer } from 'node:http'
import { readFileSync } from 'node:fs'

const [port, file] = process.argv.slice(2)
if (!port || !file) throw new Error('Usage: bare-server.ts <port> <body.html>')

const body = readFileSync(file)
const headers = { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length) }

const server = createServer((_request, response) => {
  response.writeHead(200, headers)
  response.end(body)
})
server.keepAliveTimeout = 72_000
server.listen(Number(port), '127.0.0.1', () => process.stdout.write('ready\n'))

const stop = () => server.close(() => process.exit(0))
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
