package dev.verodestination.local.sqs

import java.util.Optional
import java.util.concurrent.TimeUnit
import java.util.function.{Function => JFunction}

import scala.concurrent.Await
import scala.concurrent.duration._
import scala.jdk.CollectionConverters._

import dev.verodestination.json.Json
import org.apache.pekko.actor.{ActorRef, ActorSystem}
import org.apache.pekko.http.scaladsl.Http
import org.apache.pekko.http.scaladsl.model.{ContentTypes, HttpEntity, StatusCodes}
import org.apache.pekko.http.scaladsl.server.Directives._
import org.apache.pekko.http.scaladsl.server.Route
import org.apache.pekko.stream.Materializer
import org.apache.pekko.util.Timeout
import org.elasticmq.{Limits, NodeAddress, StrictSQSLimits}
import org.elasticmq.rest.sqs._
import org.elasticmq.rest.sqs.XmlNsVersion.extractXmlNs
import org.elasticmq.rest.sqs.directives.{AWSProtocolDirectives, AnyParamDirectives, ElasticMQDirectives, UnmatchedActionRoutes}
import org.elasticmq.rest.sqs.model.RequestPayload

/**
 * ElasticMQ's SQS endpoint on a socket the runner binds, each request passing the runner's guard
 * first. ElasticMQ (1.6) has no credential check of its own and binds its own socket, which any
 * process or web page on the machine could reach; so its routes are composed here from the same
 * traits its SQSRestServerBuilder mixes, and served only behind `guard`, which answers a refusal
 * reason or nothing.
 */
object GuardedElasticMq {

  private val MaxBodyBytes = 2L * 1024 * 1024

  /** Binds 127.0.0.1 on a free port and answers its number. */
  def start(system: ActorSystem, queueManager: ActorRef, guard: JFunction[SqsCall, Optional[String]]): Int = {
    val port = new java.util.concurrent.atomic.AtomicInteger()
    val binding = Http()(system).newServerAt("127.0.0.1", 0).bind(Route.toFunction(guarded(routes(system, queueManager, port), guard))(system))
    val bound = Await.result(binding, 30.seconds)
    port.set(bound.localAddress.getPort)
    port.get
  }

  private def guarded(inner: Route, guard: JFunction[SqsCall, Optional[String]]): Route =
    extractRequest { request =>
      toStrictEntity(10.seconds, MaxBodyBytes) {
        extractStrictEntity(10.seconds) { entity =>
          val headers = request.headers.map(h => h.lowercaseName -> h.value).toMap.asJava
          val call = new SqsCall(request.method.value, request.uri.path.toString, request.uri.rawQueryString.getOrElse(""),
            headersWithContentType(headers, request.entity.contentType.toString, request.entity.contentLengthOption),
            entity.data.toArray)
          val refusal = guard.apply(call)
          if (refusal.isPresent)
            complete(StatusCodes.Forbidden,
              HttpEntity(ContentTypes.`application/json`,
                Json.MAPPER.createObjectNode().put("__type", "AccessDenied").put("message", refusal.get).toString))
          else inner
        }
      }
    }

  /** Pekko keeps the content type and length on the entity, not among the headers a signature covers. */
  private def headersWithContentType(headers: java.util.Map[String, String], contentType: String, length: Option[Long]): java.util.Map[String, String] = {
    val all = new java.util.HashMap[String, String](headers)
    if (contentType != "none/none") all.putIfAbsent("content-type", contentType)
    length.foreach(l => all.putIfAbsent("content-length", l.toString))
    all
  }

  /** As SQSRestServerBuilder.start composes them (ElasticMQ 1.6.16), queue URLs naming the bound port. */
  private def routes(system: ActorSystem, queueManager: ActorRef, port: java.util.concurrent.atomic.AtomicInteger): Route = {
    val theMaterializer = Materializer(system)
    val env = new QueueManagerActorModule
      with QueueURLModule
      with ContextPathModule
      with SQSLimitsModule
      with BatchRequestsModule
      with ElasticMQDirectives
      with AnyParamDirectives
      with CreateQueueDirectives
      with DeleteQueueDirectives
      with AWSProtocolDirectives
      with QueueAttributesDirectives
      with ListQueuesDirectives
      with SendMessageDirectives
      with SendMessageBatchDirectives
      with ReceiveMessageDirectives
      with DeleteMessageDirectives
      with DeleteMessageBatchDirectives
      with ChangeMessageVisibilityDirectives
      with ChangeMessageVisibilityBatchDirectives
      with GetQueueUrlDirectives
      with PurgeQueueDirectives
      with AddPermissionDirectives
      with RemovePermissionDirectives
      with AttributesModule
      with TagQueueDirectives
      with TagsModule
      with UnmatchedActionRoutes
      with ResponseMarshaller
      with QueueAttributesOps
      with ListDeadLetterSourceQueuesDirectives
      with StartMessageMoveTaskDirectives
      with CancelMessageMoveTaskDirectives
      with ListMessageMoveTasksDirectives {
      def serverAddress: NodeAddress = NodeAddress(host = "127.0.0.1", port = port.get)
      lazy val actorSystem: ActorSystem = system
      lazy val materializer: Materializer = theMaterializer
      lazy val queueManagerActor: ActorRef = queueManager
      lazy val sqsLimits: Limits = StrictSQSLimits
      // above a receive's longest wait (20 s), as ElasticMQ sets it
      lazy val timeout: Timeout = Timeout(21, TimeUnit.SECONDS)
      lazy val contextPath: String = ""
      lazy val awsRegion: String = "elasticmq"
      lazy val awsAccountId: String = "000000000000"
    }
    import env._

    def rawRoutes(p: RequestPayload)(implicit marshallerDependencies: MarshallerDependencies): Route =
      concat(
        sendMessage(p), sendMessageBatch(p), receiveMessage(p), deleteMessage(p), deleteMessageBatch(p),
        getQueueUrl(p), createQueue(p), listQueues(p), purgeQueue(p),
        changeMessageVisibility(p), changeMessageVisibilityBatch(p), deleteQueue(p), getQueueAttributes(p),
        setQueueAttributes(p), addPermission(p), removePermission(p), tagQueue(p), untagQueue(p), listQueueTags(p),
        listDeadLetterSourceQueues(p), startMessageMoveTask(p), cancelMessageMoveTask(p), listMessageMoveTasks(p),
        unmatchedAction(p))

    extractXmlNs { (xmlNs: XmlNsVersion) =>
      implicit val version: XmlNsVersion = xmlNs
      extractProtocol { (awsProtocol: AWSProtocol) =>
        implicit val protocol: AWSProtocol = awsProtocol
        handleServerExceptions(protocol) {
          handleRejectionsWithSQSError(protocol) {
            anyParamsMap(protocol) { p => rawRoutes(p)(MarshallerDependencies(protocol, version)) }
          }
        }
      }
    }
  }
}
