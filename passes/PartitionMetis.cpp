//===- passes/PartitionMetis.cpp - the initial partition of atoms, by METIS ----------------===//
//
// METIS (k-way, minimizing communication volume) on the graph of atoms: an edge from each
// net's source atom to each of its target atoms, weighted by the net's rate, each atom keeping
// its heaviest neighbours; the neurons and (where neurons do not bind) the synapses of each
// atom are the balance constraints. Partitioner.cpp refines what this returns against the
// hypergraph cost and the core limits.
//
//===----------------------------------------------------------------------------------------===//
#include "passes/PartitionMetis.h"

#include <metis.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <unordered_map>

namespace snn::mapping {

namespace {

/// The atom graph METIS cuts keeps at most this many neighbours per atom (the heaviest).
constexpr size_t MaxNeighbours = 48;

} // namespace

/// METIS's k-way partition of the atom graph, or the atoms dealt in order when METIS fails.
Partition metisPartition(const Hypergraph &H, uint32_t K, uint32_t Seed, bool NeuronsBind) {
  const uint32_t V = H.vertices();
  Partition P;
  P.Parts = K;
  P.PartOf.assign(V, 0);
  if (K <= 1 || V <= K) {
    for (uint32_t I = 0; I < V; ++I)
      P.PartOf[I] = K ? I % K : 0;
    return P;
  }
  // Weights between atoms: each net's rate from its source atom to each target atom, both
  // ways, summed per pair; each atom keeps its heaviest neighbours (ties broken by a hash of
  // the pair), and an edge kept by either end is kept by both.
  struct Edge {
    uint32_t A, B;
    float W;
  };
  auto hashOf = [](uint32_t A, uint32_t B) {
    uint64_t X = (uint64_t(std::min(A, B)) << 32) | std::max(A, B);
    X ^= X >> 33;
    X *= 0xff51afd7ed558ccdull;
    return X ^ (X >> 33);
  };
  std::vector<double> InSyn(V, 0);
  std::vector<float> Acc(V, 0.0f);
  std::vector<uint32_t> Touched;
  std::vector<Edge> Edges;
  for (uint32_t I = 0; I < V; ++I) {
    Touched.clear();
    auto add = [&](uint32_t T, double W) {
      if (T == I)
        return;
      if (Acc[T] == 0.0f)
        Touched.push_back(T);
      Acc[T] += float(W);
    };
    for (uint64_t K = H.OutStart[I]; K < H.OutStart[I + 1]; ++K) {
      const uint32_t N = H.OutNet[K];
      for (uint64_t J = H.PinStart[N]; J < H.PinStart[N + 1]; ++J)
        add(H.Pins[J], H.Rate[N] > 0 ? H.Rate[N] : 1e-6);
    }
    for (uint64_t K = H.InStart[I]; K < H.InStart[I + 1]; ++K) {
      const uint32_t N = H.InNet[K];
      InSyn[I] += H.PinSyn[H.PinStart[N] + H.InPin[K]];
      if (H.Source[N] != NoVertex)
        add(H.Source[N], H.Rate[N] > 0 ? H.Rate[N] : 1e-6);
    }
    if (Touched.size() > MaxNeighbours)
      std::nth_element(Touched.begin(), Touched.begin() + MaxNeighbours, Touched.end(),
                       [&](uint32_t X, uint32_t Y) {
                         return Acc[X] != Acc[Y] ? Acc[X] > Acc[Y] : hashOf(I, X) < hashOf(I, Y);
                       });
    for (size_t K = 0; K < Touched.size(); ++K) {
      if (K < MaxNeighbours) {
        Edges.push_back({I, Touched[K], Acc[Touched[K]]});
        Edges.push_back({Touched[K], I, Acc[Touched[K]]});
      }
      Acc[Touched[K]] = 0.0f;
    }
  }
  // Rows: sort each atom's edges and merge duplicates (kept from both ends).
  std::vector<uint64_t> RowStart(V + 1, 0);
  for (const Edge &E : Edges)
    ++RowStart[E.A + 1];
  for (uint32_t I = 0; I < V; ++I)
    RowStart[I + 1] += RowStart[I];
  std::vector<std::pair<uint32_t, float>> Rows(Edges.size());
  {
    std::vector<uint64_t> Fill(RowStart.begin(), RowStart.end() - 1);
    for (const Edge &E : Edges)
      Rows[Fill[E.A]++] = {E.B, E.W};
  }
  std::vector<Edge>().swap(Edges);
  for (uint32_t I = 0; I < V; ++I) {
    auto B = Rows.begin() + RowStart[I], E = Rows.begin() + RowStart[I + 1];
    std::sort(B, E);
    for (auto It = B; It != E; ++It)
      if (It != B && It->first == (It - 1)->first)
        continue;
      else
        Edges.push_back({I, It->first, It->second});
  }
  std::vector<std::pair<uint32_t, float>>().swap(Rows);
  double MaxW = 0;
  for (const Edge &E : Edges)
    MaxW = std::max(MaxW, double(E.W));
  std::vector<idx_t> Xadj(V + 1, 0), Adjncy, Wgt;
  Adjncy.reserve(Edges.size());
  Wgt.reserve(Edges.size());
  for (const Edge &E : Edges) {
    ++Xadj[E.A + 1];
    Adjncy.push_back(idx_t(E.B));
    Wgt.push_back(idx_t(1 + std::lround(999.0 * E.W / (MaxW > 0 ? MaxW : 1))));
  }
  for (uint32_t I = 0; I < V; ++I)
    Xadj[I + 1] += Xadj[I];
  std::vector<Edge>().swap(Edges);
  double MaxSyn = *std::max_element(InSyn.begin(), InSyn.end());
  idx_t NCon = MaxSyn > 0 && !NeuronsBind ? 2 : 1;
  std::vector<idx_t> VWgt;
  for (uint32_t I = 0; I < V; ++I) {
    VWgt.push_back(idx_t(H.Neurons[I]));
    if (NCon == 2)
      VWgt.push_back(idx_t(1 + std::lround(999.0 * InSyn[I] / MaxSyn)));
  }
  idx_t NV = idx_t(V), NParts = idx_t(K), ObjVal = 0;
  std::vector<idx_t> Out(V, 0);
  std::vector<real_t> Ub(size_t(NCon), real_t(1.03));
  idx_t Options[METIS_NOPTIONS];
  METIS_SetDefaultOptions(Options);
  Options[METIS_OPTION_SEED] = idx_t(Seed & 0x7FFFFFFF);
  Options[METIS_OPTION_NUMBERING] = 0;
  int Rc = Adjncy.empty() ? METIS_ERROR
                          : METIS_PartGraphKway(&NV, &NCon, Xadj.data(), Adjncy.data(),
                                                VWgt.data(), nullptr, Wgt.data(), &NParts,
                                                nullptr, Ub.data(), Options, &ObjVal, Out.data());
  if (Rc != METIS_OK) {
    for (uint32_t I = 0; I < V; ++I)
      P.PartOf[I] = uint32_t(uint64_t(I) * K / V);
    return P;
  }
  for (uint32_t I = 0; I < V; ++I)
    P.PartOf[I] = uint32_t(Out[I]);
  return P;
}

/// Each population partitioned alone (for targets that hold one population per core), into
/// the cores its own binding resource needs, times Scale. The sub-hypergraph of a population
/// keeps the pins on its atoms; sources elsewhere become host sources.
Partition groupedPartition(const Hypergraph &H, const CoreLimits &L, double Scale,
                           uint32_t Seed, bool NeuronsBind) {
  std::map<uint32_t, uint32_t> GroupIndex;
  for (uint32_t G : H.Group)
    GroupIndex.insert({G, 0});
  uint32_t NG = 0;
  for (auto &[G, I] : GroupIndex)
    I = NG++;
  std::vector<Hypergraph> Sub(NG);
  std::vector<std::vector<uint32_t>> Orig(NG);
  std::vector<uint32_t> Local(H.vertices());
  for (uint32_t V = 0; V < H.vertices(); ++V) {
    const uint32_t G = GroupIndex[H.Group[V]];
    Local[V] = uint32_t(Orig[G].size());
    Orig[G].push_back(V);
    Sub[G].Neurons.push_back(H.Neurons[V]);
    Sub[G].Group.push_back(H.Group[V]);
    Sub[G].Pop.push_back(H.Pop[V]);
    Sub[G].First.push_back(H.First[V]);
  }
  for (Hypergraph &S : Sub)
    S.PinStart.push_back(0);
  std::vector<uint32_t> Touched;
  std::vector<uint32_t> Last(NG, NoVertex);
  for (uint32_t N = 0; N < H.nets(); ++N) {
    Touched.clear();
    for (uint64_t K = H.PinStart[N]; K < H.PinStart[N + 1]; ++K) {
      const uint32_t G = GroupIndex[H.Group[H.Pins[K]]];
      Hypergraph &S = Sub[G];
      if (Last[G] != N) {
        Last[G] = N;
        Touched.push_back(G);
        const uint32_t Src = H.Source[N];
        S.Source.push_back(Src != NoVertex && GroupIndex[H.Group[Src]] == G ? Local[Src]
                                                                             : NoVertex);
        S.SourceNeuron.push_back(H.SourceNeuron[N]);
        S.Rate.push_back(H.Rate[N]);
        S.WeightBits.push_back(H.WeightBits[N]);
        S.Projection.push_back(H.Projection[N]);
      }
      S.Pins.push_back(Local[H.Pins[K]]);
      S.PinSyn.push_back(H.PinSyn[K]);
    }
    for (uint32_t G : Touched)
      Sub[G].PinStart.push_back(Sub[G].Pins.size());
  }
  Partition P;
  P.PartOf.assign(H.vertices(), 0);
  for (uint32_t G = 0; G < NG; ++G) {
    Hypergraph &S = Sub[G];
    S.finish();
    const uint32_t B = lowerBound(S, L);
    uint32_t K = std::max<uint32_t>(1, uint32_t(std::ceil(B * (B > 1 ? Scale : 1.0))));
    Partition Q = metisPartition(S, K, Seed, NeuronsBind);
    for (uint32_t V = 0; V < S.vertices(); ++V)
      P.PartOf[Orig[G][V]] = P.Parts + Q.PartOf[V];
    P.Parts += K;
  }
  return P;
}

} // namespace snn::mapping
