// Window functions: row_number(), rank() and dense_rank(), and the aggregates, over a
// window: ormc::row_number().over(ormc::partition_by(track::AlbumId)
// .order_by(track::Milliseconds.desc())), ormc::sum(x).over(ormc::window().order_by(y)).
// row_number(), rank() and dense_rank() are no expressions until over() is applied, so a
// bare one cannot be selected.
#pragma once

#include <cstdint>
#include <type_traits>
#include <utility>

#include "ormc/expr/function_node.hpp"
#include "ormc/expr/order.hpp"

namespace ormc {

//! OVER (PARTITION BY ... ORDER BY ...): what a window function is computed over. Models:
//! the models its items read.
template <typename Models>
class Window {
 public:
  using models = Models;

  Window() = default;
  Window(detail::ExprData partition, std::uint32_t partitions, detail::ExprData order,
         std::uint32_t orders, std::uint32_t frame)
      : partition_(std::move(partition)),
        order_(std::move(order)),
        partitions_(partitions),
        orders_(orders),
        frame_(frame) {}

  //! PARTITION BY the expressions: the function restarts for each distinct value.
  template <Expression... Es>
  [[nodiscard]] auto partition_by(Es&&... items) && {
    static_assert(!(detail::has_window_v<expr_models_t<Es>> || ...),
                  "ormc: a window's partition_by() cannot hold a window function");
    (detail::append_expr(partition_, std::forward<Es>(items)), ...);
    using Next = detail::list_union_t<Models, expr_models_t<Es>...>;
    return Window<Next>(std::move(partition_), partitions_ + sizeof...(Es), std::move(order_),
                        orders_, frame_);
  }

  //! ORDER BY expressions, col.asc() or col.desc(): the order rows are numbered and
  //! running aggregates accumulate in (with the default frame: up to the current row and
  //! its peers).
  template <typename... Xs>
  [[nodiscard]] auto order_by(Xs&&... items) && {
    static_assert(!(detail::has_window_v<order_models_t<Xs>> || ...),
                  "ormc: a window's order_by() cannot hold a window function");
    (append_order(std::forward<Xs>(items)), ...);
    using Next = detail::list_union_t<Models, order_models_t<Xs>...>;
    return Window<Next>(std::move(partition_), partitions_, std::move(order_),
                        orders_ + sizeof...(Xs), frame_);
  }

  //! The frame ROWS BETWEEN n PRECEDING AND CURRENT ROW: a moving sum or average of the
  //! last n + 1 rows. Without it the frame is SQL's default: with an order_by(), every row
  //! up to the current one and its peers; without, the whole partition.
  [[nodiscard]] Window rows_preceding(std::uint32_t n) && {
    frame_ = n + 1;
    return std::move(*this);
  }

  //! The function (its nodes in `function`) over this window: a window_over node. Its
  //! models carry window_mark, so that where(), group_by() and having() refuse it.
  template <typename T, typename FunctionModels, typename NullIf>
  [[nodiscard]] auto apply(detail::ExprData function) && {
    detail::ExprData data;
    detail::add_function<T>(data, detail::Op::window_over, 1 + partitions_ + orders_,
                            static_cast<std::int16_t>(partitions_));
    data.nodes.back().value_index = frame_;  // 0: the default frame; else n + 1
    data.append(std::move(function));
    data.append(std::move(partition_));
    data.append(std::move(order_));
    using Marked =
        detail::list_union_t<FunctionModels, Models, detail::model_list<detail::window_mark>>;
    return detail::make_expr<T, Marked, NullIf>(std::move(data));
  }

 private:
  template <typename X, bool = detail::is_ordering<std::remove_cvref_t<X>>::value>
  struct order_models {
    using type = typename std::remove_cvref_t<X>::models;
  };
  template <typename X>
  struct order_models<X, false> {
    using type = expr_models_t<X>;
  };
  template <typename X>
  using order_models_t = typename order_models<X>::type;

  template <typename X>
  void append_order(X&& item) {
    if constexpr (detail::is_ordering<std::remove_cvref_t<X>>::value) {
      order_.append(std::forward<X>(item).data());
    } else {
      static_assert(Expression<X>,
                    "ormc: a window's order_by() takes expressions, col.asc() or col.desc()");
      detail::append_expr(order_, std::forward<X>(item));
    }
  }

  detail::ExprData partition_;
  detail::ExprData order_;
  std::uint32_t partitions_ = 0;
  std::uint32_t orders_ = 0;
  std::uint32_t frame_ = 0;  //!< rows_preceding(n): n + 1
};

//! An empty window, OVER (): the function sees every row of the result.
[[nodiscard]] inline Window<detail::model_list<>> window() { return {}; }

//! A window partitioned by the expressions: partition_by(track::AlbumId).order_by(...).
template <Expression... Es>
[[nodiscard]] auto partition_by(Es&&... items) {
  return window().partition_by(std::forward<Es>(items)...);
}

//! row_number(), rank(), dense_rank(): ranking functions that exist only over a window.
template <detail::Op op>
class RankingFunction {
 public:
  template <typename Models>
  [[nodiscard]] auto over(Window<Models> window) const {
    detail::ExprData function;
    function.add_operator(op, 0);
    return std::move(window)
        .template apply<std::int64_t, detail::model_list<>, detail::model_list<>>(
            std::move(function));
  }
};

//! A ranking function without over() is not a value: selecting or comparing one stops here,
//! with the reason, instead of at a list of unmatched overloads.
template <detail::Op op>
struct expr_traits<RankingFunction<op>> {
  static constexpr bool is_expression = true;
  using value_type = std::int64_t;
  using models = detail::model_list<>;
  using null_if = models;
  template <typename F>
  static void append_to(detail::ExprData& /*out*/, const F& /*function*/) {
    static_assert(!std::is_same_v<F, RankingFunction<op>>,
                  "ormc: row_number(), rank() and dense_rank() exist only over a window: "
                  "write ormc::row_number().over(ormc::partition_by(...).order_by(...))");
  }
};

//! ROW_NUMBER() OVER (...): 1, 2, 3, ... in the window's order, within each partition.
[[nodiscard]] inline RankingFunction<detail::Op::row_number> row_number() { return {}; }
//! RANK() OVER (...): ties get the same rank, and leave a gap after them (1, 1, 3).
[[nodiscard]] inline RankingFunction<detail::Op::rank> rank() { return {}; }
//! DENSE_RANK() OVER (...): ties get the same rank, without gaps (1, 1, 2).
[[nodiscard]] inline RankingFunction<detail::Op::dense_rank> dense_rank() { return {}; }

}  // namespace ormc
