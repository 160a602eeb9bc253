// The relation descriptors of the generated headers: for each kind of relation of
// schemas/chinook.orm and schemas/blog.orm, the model, target, kind, nullability and the
// join path's columns, hop by hop, and the names, cascades and load strategies.
#include <string_view>
#include <type_traits>

#include <doctest/doctest.h>

#include "blog.orm.hpp"
#include "chinook.orm.hpp"

namespace {

using ormc::RelationKind;

template <const auto& R>
using relation_type = std::remove_cvref_t<decltype(R)>;

template <typename To, typename From, typename ToColumns>
using hop = ormc::RelationHop<To, From, ToColumns>;

// ---------------------------------------------------------------- many-to-one

// Track.album: the foreign key AlbumId is nullable, so the join may find no album.
static_assert(
    std::is_same_v<
        relation_type<chinook::track::album>,
        ormc::Relation<
            chinook::Track, chinook::Album, RelationKind::many_to_one, true,
            ormc::relation_path<hop<chinook::Album, ormc::column_list<chinook::track::AlbumId>,
                                    ormc::column_list<chinook::album::AlbumId>>>,
            &chinook::Track::album>>);
// Track.media_type: MediaTypeId is NOT NULL, so every track has one.
static_assert(
    std::is_same_v<
        relation_type<chinook::track::media_type>,
        ormc::Relation<chinook::Track, chinook::MediaType, RelationKind::many_to_one, false,
                       ormc::relation_path<
                           hop<chinook::MediaType, ormc::column_list<chinook::track::MediaTypeId>,
                               ormc::column_list<chinook::media_type::MediaTypeId>>>,
                       &chinook::Track::media_type>>);
static_assert(!chinook::track::media_type.nullable && !chinook::track::media_type.many);
static_assert(chinook::track::album.nullable && !chinook::track::album.many);
static_assert(relation_type<chinook::customer::invoices>::path::size == 1 &&
              relation_type<chinook::track::playlists>::path::size == 2);
static_assert(decltype(blog::comment::author)::nullable && !decltype(blog::post::author)::nullable);

// ---------------------------------------------------------------- one-to-many

// Album.tracks: the reverse hop, from the referenced key to the tracks' foreign key.
static_assert(
    std::is_same_v<
        relation_type<chinook::album::tracks>,
        ormc::Relation<
            chinook::Album, chinook::Track, RelationKind::one_to_many, true,
            ormc::relation_path<hop<chinook::Track, ormc::column_list<chinook::album::AlbumId>,
                                    ormc::column_list<chinook::track::AlbumId>>>,
            &chinook::Album::tracks>>);
static_assert(chinook::album::tracks.many && chinook::album::tracks.nullable);

// ---------------------------------------------------------------- self-reference

// Employee.manager and Employee.reports: one foreign key, ReportsTo, read both ways.
static_assert(
    std::is_same_v<
        relation_type<chinook::employee::manager>,
        ormc::Relation<chinook::Employee, chinook::Employee, RelationKind::many_to_one, true,
                       ormc::relation_path<
                           hop<chinook::Employee, ormc::column_list<chinook::employee::ReportsTo>,
                               ormc::column_list<chinook::employee::EmployeeId>>>,
                       &chinook::Employee::manager>>);
static_assert(
    std::is_same_v<
        relation_type<chinook::employee::reports>,
        ormc::Relation<chinook::Employee, chinook::Employee, RelationKind::one_to_many, true,
                       ormc::relation_path<
                           hop<chinook::Employee, ormc::column_list<chinook::employee::EmployeeId>,
                               ormc::column_list<chinook::employee::ReportsTo>>>,
                       &chinook::Employee::reports>>);

// ---------------------------------------------------------------- many-to-many

// Track.playlists through PlaylistTrack: two hops, the association table first.
static_assert(std::is_same_v<
              relation_type<chinook::track::playlists>,
              ormc::Relation<
                  chinook::Track, chinook::Playlist, RelationKind::many_to_many, true,
                  ormc::relation_path<
                      hop<chinook::PlaylistTrack, ormc::column_list<chinook::track::TrackId>,
                          ormc::column_list<chinook::playlist_track::TrackId>>,
                      hop<chinook::Playlist, ormc::column_list<chinook::playlist_track::PlaylistId>,
                          ormc::column_list<chinook::playlist::PlaylistId>>>,
                  &chinook::Track::playlists>>);
static_assert(std::is_same_v<
              relation_type<chinook::playlist::tracks>,
              ormc::Relation<
                  chinook::Playlist, chinook::Track, RelationKind::many_to_many, true,
                  ormc::relation_path<
                      hop<chinook::PlaylistTrack, ormc::column_list<chinook::playlist::PlaylistId>,
                          ormc::column_list<chinook::playlist_track::PlaylistId>>,
                      hop<chinook::Track, ormc::column_list<chinook::playlist_track::TrackId>,
                          ormc::column_list<chinook::track::TrackId>>>,
                  &chinook::Playlist::tracks>>);
static_assert(
    std::is_same_v<relation_type<blog::post::tags>,
                   ormc::Relation<blog::Post, blog::Tag, RelationKind::many_to_many, true,
                                  ormc::relation_path<
                                      hop<blog::PostTags, ormc::column_list<blog::post::id>,
                                          ormc::column_list<blog::post_tags::post_id>>,
                                      hop<blog::Tag, ormc::column_list<blog::post_tags::tag_id>,
                                          ormc::column_list<blog::tag::id>>>,
                                  &blog::Post::tags>>);

// ---------------------------------------------------------------- one-to-one

// Profile.user holds the unique foreign key user_id (NOT NULL): every profile has its user.
static_assert(
    std::is_same_v<relation_type<blog::profile::user>,
                   ormc::Relation<blog::Profile, blog::User, RelationKind::one_to_one, false,
                                  ormc::relation_path<
                                      hop<blog::User, ormc::column_list<blog::profile::user_id>,
                                          ormc::column_list<blog::user::id>>>,
                                  &blog::Profile::user, true>>);
// User.profile is the inverse side: a user may have no profile.
static_assert(
    std::is_same_v<
        relation_type<blog::user::profile>,
        ormc::Relation<blog::User, blog::Profile, RelationKind::one_to_one, true,
                       ormc::relation_path<hop<blog::Profile, ormc::column_list<blog::user::id>,
                                               ormc::column_list<blog::profile::user_id>>>,
                       &blog::User::profile>>);

// ---------------------------------------------------------------- every relation, listed

static_assert(std::is_same_v<ormc::model_traits<chinook::Track>::relations,
                             ormc::relation_list<chinook::track::album, chinook::track::media_type,
                                                 chinook::track::genre, chinook::track::playlists,
                                                 chinook::track::invoice_lines>>);
static_assert(
    std::is_same_v<ormc::model_traits<chinook::PlaylistTrack>::relations, ormc::relation_list<>>);
static_assert(ormc::model_traits<blog::User>::relations::size == 3);
static_assert(ormc::RelationDescriptor<decltype(blog::user::posts)> &&
              !ormc::RelationDescriptor<decltype(blog::user::id)>);

// ---------------------------------------------------------------- cascades and loading

// cascade(all, delete_orphan): all is save_update, merge, refresh_expire, expunge, delete.
static_assert(blog::user::posts.cascade.save_update && blog::user::posts.cascade.merge &&
              blog::user::posts.cascade.refresh_expire && blog::user::posts.cascade.expunge &&
              blog::user::posts.cascade.delete_ && blog::user::posts.cascade.delete_orphan);
// No cascade(...): SQLAlchemy's default, save_update and merge.
static_assert(blog::user::comments.cascade.save_update && blog::user::comments.cascade.merge &&
              !blog::user::comments.cascade.delete_ && !blog::user::comments.cascade.expunge);
static_assert(blog::post::author.load == ormc::LoadStrategy::joined &&
              blog::post::comments.load == ormc::LoadStrategy::lazy);

TEST_CASE("relation descriptors carry the schema's names and their inverses") {
  CHECK(chinook::track::album.name == "album");
  CHECK(chinook::track::album.back_name == "tracks");
  CHECK(chinook::album::tracks.back_name == "album");
  CHECK(chinook::employee::manager.name == "manager");
  CHECK(chinook::employee::manager.back_name == "reports");
  CHECK(chinook::employee::reports.back_name == "manager");
  CHECK(chinook::track::playlists.back_name == "tracks");
  CHECK(chinook::invoice_line::track.name == "track");
  CHECK(blog::user::profile.back_name == "user");
  CHECK(blog::post::tags.name == "tags");
  CHECK(blog::tag::posts.back_name == "tags");
}

}  // namespace
