package fableforge.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fableforge.limits.LimitedAction;
import fableforge.limits.UserRateLimits;
import fableforge.provider.ProviderException;
import fableforge.quiz.InvalidQuizException;
import fableforge.review.ImageDecision;
import fableforge.review.ImageReview;
import fableforge.review.RejectReason;
import fableforge.studio.StoryView;
import fableforge.studio.Studio;
import fableforge.text.SafeText;
import fableforge.wire.Requests;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;

/** A story's own endpoints: the quiz, submit, approving the scenes, deciding on images, the story and the list. */
final class StoryRoutes {

    private final Studio studio;
    private final ImageReview review;
    private final StoryView view;
    private final UserRateLimits limits;
    private final StrictJson strictJson;
    private final String quizJson;
    private final StorySnapshots snapshots;

    StoryRoutes(Studio studio, ImageReview review, StoryView view, UserRateLimits limits, StrictJson strictJson, String quizJson,
                StorySnapshots snapshots) {
        this.snapshots = snapshots;
        this.studio = studio;
        this.review = review;
        this.view = view;
        this.limits = limits;
        this.strictJson = strictJson;
        this.quizJson = quizJson;
    }

    void install(RoutesConfig routes) {
        WebServer.getAndHead(routes, "/api/quiz", ctx -> ctx.contentType("application/json").result(quizJson));
        WebServer.getAndHead(routes, "/api/meta", ctx -> ctx.json(Meta.ANSWER));
        WebServer.getAndHead(routes, "/api/stories", ctx -> ctx.json(view.list(RequestCaller.of(ctx), 100)));
        routes.post("/submit", this::submit);
        routes.post("/approve_scenes", this::approveScenes);
        WebServer.getAndHead(routes, "/story/{id}", this::story);
        routes.post("/approve_image/{id}/{n}", this::approveImage);
    }

    /** From the story's snapshot: who may see it is checked first, then the version, and only then is a body needed. */
    private void story(Context ctx) {
        boolean prompts = StoryAnswer.includesPrompts(ctx);
        StoryAnswer.send(ctx, snapshots, snapshots.current(RequestCaller.of(ctx), ctx.pathParam("id"), prompts));
    }

    private void submit(Context ctx) throws InvalidQuizException, ProviderException {
        // A body that cannot be read costs nothing, so it spends none of the caller's rate. The answers stay a
        // JSON object: their fields are the quiz definition's (data), and the quiz validator says what is wrong.
        ObjectNode answers = strictJson.read(ctx);
        limits.take(RequestCaller.of(ctx), LimitedAction.SUBMIT);
        ctx.json(studio.submit(RequestCaller.of(ctx), answers));
    }

    private void approveScenes(Context ctx) {
        Requests.ApproveScenes body = strictJson.bodyAsClass(ctx, Requests.ApproveScenes.class);
        if (body.storyId() == null) {
            throw new ErrorAnswers.BadRequest("story_id is required");
        }
        List<String> texts = body.scenes();
        if (texts == null) {
            throw new ErrorAnswers.BadRequest("scenes must be an array of 20 scene texts");
        }
        if (texts.contains(null)) {
            throw new ErrorAnswers.BadRequest("every scene must be text");
        }
        limits.take(RequestCaller.of(ctx), LimitedAction.APPROVE_SCENES);
        if (body.narration() != null && body.narration().contains(null)) {
            throw new ErrorAnswers.BadRequest("every narration line must be text");
        }
        ctx.status(202).json(studio.approveScenes(RequestCaller.of(ctx), body.storyId(), texts, java.util.Optional.ofNullable(body.narration())));
    }

    private void approveImage(Context ctx) {
        int scene = WholeNumber.parse(ctx.pathParam("n"), 1, 20)
                .orElseThrow(() -> new ErrorAnswers.BadRequest("scene number must be a whole number from 1 to 20"));
        Requests.DecideImage body = strictJson.bodyAsClass(ctx, Requests.DecideImage.class);
        String action = Optional.ofNullable(body.action()).orElse("");
        if (!action.equals("approve") && !action.equals("reject")) {
            throw new ErrorAnswers.BadRequest("action must be \"approve\" or \"reject\"");
        }
        Optional<String> prompt = Optional.ofNullable(body.prompt()).map(String::strip).filter(p -> !p.isEmpty());
        if (prompt.isPresent()) {
            SafeText.problem("prompt", prompt.get(), SafeText.Lines.MULTI).ifPresent(problem -> {
                throw new ErrorAnswers.BadRequest(problem);
            });
        }
        if (prompt.isPresent() && prompt.get().length() > 4_000) {
            throw new ErrorAnswers.BadRequest("prompt is " + prompt.get().length() + " characters; keep it under 4000");
        }
        Optional<RejectReason> reason = Optional.ofNullable(body.reason()).map(id -> RejectReason.fromId(id)
                .orElseThrow(() -> new ErrorAnswers.BadRequest("reason must be one of colours, character, style, anatomy, composition, other")));
        Optional<Integer> attempt = Optional.ofNullable(body.attempt());
        if (attempt.isPresent() && attempt.get() < 1) {
            throw new ErrorAnswers.BadRequest("attempt must be 1 or more (the version to approve)");
        }
        if (action.equals("reject")) {
            limits.take(RequestCaller.of(ctx), LimitedAction.REDRAW);
        }
        boolean applyToPending = Boolean.TRUE.equals(body.applyToPending());
        ctx.json(review.decideImage(RequestCaller.of(ctx), ctx.pathParam("id"), scene,
                new ImageDecision(action.equals("approve"), attempt, reason, prompt, applyToPending)));
    }
}
