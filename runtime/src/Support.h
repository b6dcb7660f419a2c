// Support.h: the shared semantics of support/ (random numbers, connectivity rules, aligned
// storage) under the runtime's namespace, and the runtime's own stream naming.
#ifndef SNN_RUNTIME_SUPPORT_H
#define SNN_RUNTIME_SUPPORT_H

#include "support/AlignedArray.h"
#include "support/Connectivity.h"
#include "support/Random.h"

#include "snn/runtime.h"

namespace snn::rt {

using support::AlignedArray;
using support::AlignedBlock;
using support::buildConnectivity;
using support::ConnectivityRequest;
using support::ConnectRule;
using support::CounterStream;
using support::countFixedProbability;
using support::CsrMatrix;
using support::normalAt;
using support::philoxBlock;
using support::RandomBlock;
using support::standardNormal;
using support::targetsPerRow;
using support::uniformAt;
using support::uniformOpen01;

/// SNN_STREAM(purpose, index); throws RuntimeError when `index` does not fit in 24 bits.
uint32_t streamFor(uint32_t purpose, uint64_t index);

} // namespace snn::rt

#endif
