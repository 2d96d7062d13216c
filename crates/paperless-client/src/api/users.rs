//! Users: `/api/users/`, [`Paperless::users`] (administration; a user's own settings are
//! [`Paperless::profile`]).
//!
//! | Call | Request |
//! |---|---|
//! | `users.get(3).await?` | `GET /api/users/3/` |
//! | `users.list().username_icontains("ali").send().await?` | `GET /api/users/?username__icontains=ali` |
//! | `users.create(&NewUser::new("bob").password("...")).await?` | `POST /api/users/` |
//! | `users.update(3, &UserPatch::new().is_active(false)).await?` | `PATCH /api/users/3/` |
//! | `users.replace(3, &patch).await?` | `PUT /api/users/3/` |
//! | `users.delete(3).await?` | `DELETE /api/users/3/` |
//! | `users.deactivate_totp(3).await?` | `POST /api/users/3/deactivate_totp/` |
//!
//! List filters: `username__*`, ordering by `username`. Users are not owned objects. Passwords
//! are write-only: the server sends a mask of `*`, and sending the mask back keeps the stored
//! password. The users list ignores `id__in` (it would answer with every user), so there is no
//! `id_in` here:
//!
//! ```compile_fail,E0599
//! # async fn run(client: paperless_client::Paperless) {
//! client.users().list().id_in([1u64, 2]).send().await;
//! # }
//! ```

use paperless_types::UserId;
use paperless_types::user::{NewUser, User, UserPatch};

use crate::client::Paperless;
use crate::endpoint::Endpoint;
use crate::error::Result;
use crate::list::List;
use crate::resource::{Creatable, Deletable, Resource, Updatable};

/// The users collection, `/api/users/`: [`User`] objects, created with [`NewUser`], changed with
/// [`UserPatch`] (`PATCH` and `PUT`).
#[derive(Debug)]
pub enum Users {}

impl Resource for Users {
    type Id = UserId;
    type Item = User;
    const NAME: &'static str = "users";
    const PATH: &'static str = "/api/users/";
    fn id_of(user: &User) -> UserId {
        user.id
    }
}

impl Creatable for Users {
    type Create = NewUser;
}

impl Updatable for Users {
    type Patch = UserPatch;
    type Replace = UserPatch;
}

impl Deletable for Users {}

impl Paperless {
    /// Users of the installation (`/api/users/`; needs the user administration permissions).
    ///
    /// ```no_run
    /// # async fn run(client: paperless_client::Paperless) -> paperless_client::Result<()> {
    /// use paperless_client::types::GroupId;
    /// use paperless_client::types::user::NewUser;
    ///
    /// let user = client
    ///     .users()
    ///     .create(&NewUser::new("bob").password("correct horse").groups([GroupId(2)]))
    ///     .await?;
    /// println!("created user {}", user.id);
    /// # Ok(()) }
    /// ```
    #[must_use]
    pub fn users(&self) -> Endpoint<Users> {
        self.endpoint()
    }
}

impl Endpoint<Users> {
    /// Removes a user's two-factor authentication (TOTP)
    /// (`POST /api/users/{id}/deactivate_totp/`); superusers may do it for anyone, other users
    /// for themselves.
    ///
    /// # Errors
    /// [`Error::Api`](crate::Error::Api): 404 ([`is_not_found`](crate::Error::is_not_found)) with
    /// the detail `TOTP not found` when the user has no TOTP authenticator, 403 without
    /// permission; the 3.0.5 server answers 500 for a user id that does not exist.
    pub async fn deactivate_totp(&self, id: impl Into<UserId>) -> Result<()> {
        let request = self.object_action(id.into(), "deactivate_totp");
        self.client().no_content(request).await
    }
}

impl List<Users> {
    /// Login names containing `text`, ignoring case (`username__icontains`).
    pub fn username_icontains(self, text: impl AsRef<str>) -> Self {
        self.param("username__icontains", text.as_ref())
    }

    /// Login names equal to `text`, ignoring case (`username__iexact`).
    pub fn username_iexact(self, text: impl AsRef<str>) -> Self {
        self.param("username__iexact", text.as_ref())
    }

    /// Login names starting with `text`, ignoring case (`username__istartswith`).
    pub fn username_istartswith(self, text: impl AsRef<str>) -> Self {
        self.param("username__istartswith", text.as_ref())
    }

    /// Login names ending with `text`, ignoring case (`username__iendswith`).
    pub fn username_iendswith(self, text: impl AsRef<str>) -> Self {
        self.param("username__iendswith", text.as_ref())
    }
}
