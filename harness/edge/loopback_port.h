// Loopback ports for services that are told where to listen.
#ifndef LEAKRIG_EDGE_LOOPBACK_PORT_H_
#define LEAKRIG_EDGE_LOOPBACK_PORT_H_

#include <string>

namespace leakrig::edge {

// A port on 127.0.0.1 that was free a moment ago: bound to :0, read back,
// released. Another process may take it before the service binds it; the
// service then fails to start, and says so in its log. 0 on failure.
int PickFreeLoopbackPort();

// True when "127.0.0.1:PORT" accepts a TCP connection now: how a dependency
// that speaks no HTTP (a Redis, a database) shows it is ready.
bool AcceptsConnections(const std::string& host_port);

}  // namespace leakrig::edge

#endif  // LEAKRIG_EDGE_LOOPBACK_PORT_H_
